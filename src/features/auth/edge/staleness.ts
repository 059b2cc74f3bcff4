// When a session's last check against the database is too old to decide from (edge-safe: the Edge guard asks too).
import { edgeEnv } from "@/lib/edge/edge-env";

export const nowInSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * How far in the future a `checkedAt` may lie before it counts as stale. Instances' clocks differ a little (the
 * Edge and the Node runtime may run on different machines), and without any slack a token checked on a machine a
 * few milliseconds ahead could bounce between the Edge guard and /session/refresh. A token from a machine whose
 * clock is further off must not stay "fresh" for as long as that clock is wrong.
 */
export const CLOCK_SKEW_SECONDS = 5;

export function isStale(checkedAt: unknown, now = nowInSeconds()): boolean {
  if (typeof checkedAt !== "number") return true;
  return now - checkedAt >= edgeEnv.AUTH_REVALIDATE_SECONDS || checkedAt - now > CLOCK_SKEW_SECONDS;
}
