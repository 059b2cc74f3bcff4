// When a session's last check against the database is too old to decide from (edge-safe: the Edge guard asks too).
import { edgeEnv } from "@/lib/edge-env";

export const nowInSeconds = (): number => Math.floor(Date.now() / 1000);

export function isStale(checkedAt: unknown, now = nowInSeconds()): boolean {
  return typeof checkedAt !== "number" || now - checkedAt >= edgeEnv.AUTH_REVALIDATE_SECONDS;
}

/** Where the Edge guard sends a page request whose session is stale: a Node route that re-checks and comes back. */
export const REFRESH_PATH = "/session/refresh";
