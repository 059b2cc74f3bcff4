import "server-only";

import { pingDatabase } from "@/db/queries";
import { describeError } from "@/lib/edge/describe-error";

// Load balancers and uptime checks ask this; it must answer within ~2 s whatever the database does.
const DB_TIMEOUT_MS = 2_000;

/** GET /api/health: 200 when the database answers in time, 503 (and a log line with the cause) when it does not. */
export async function healthCheck(): Promise<Response> {
  try {
    await pingDatabase(DB_TIMEOUT_MS);
    return Response.json({ status: "ok", db: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error(`[health] database check failed: ${describeError(error)}`);
    return Response.json({ status: "degraded", db: "down" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
