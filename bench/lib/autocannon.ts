// One autocannon measurement: fixed connections for fixed seconds, and a hard failure if anything but 200 came
// back (a redirect would mean we measured the sign-in page, not the page we meant).
import autocannon from "autocannon";

import { settings } from "./settings";

export interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
}

export async function hammer(
  url: string,
  headers: Record<string, string> = {},
  options: { seconds?: number; connections?: number } = {},
): Promise<Load> {
  const { seconds = settings.seconds, connections = settings.connections } = options;
  const result = await autocannon({ url, connections, duration: seconds, headers });
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
  };
}
