// A two-factor setup between "Set up" and "Turn on": a sealed secret waiting for its first code. It lasts
// TWO_FACTOR_SETUP_SECONDS and allows TWO_FACTOR_ATTEMPTS wrong codes, as a pending sign-in does, and a
// credentials change (a reset, a password change, sign out everywhere) voids it: a setup left open on a screen is
// not a door left open.
import "server-only";

import type { TwoFactorSecret } from "@/db/schema";

import { TWO_FACTOR_ATTEMPTS } from "./pending-sign-in";

/** How long a setup waits for the code that turns two-factor on. */
export const TWO_FACTOR_SETUP_SECONDS = 15 * 60;

/** Setups started before this moment have expired. */
export const setupStartedAfter = (now: Date): Date => new Date(now.getTime() - TWO_FACTOR_SETUP_SECONDS * 1000);

/** Whether `row` is a setup that can still be confirmed at `now`. */
export function isLiveSetup(row: TwoFactorSecret | undefined, now: Date): row is TwoFactorSecret {
  return (
    row !== undefined &&
    row.enabledAt === null &&
    row.createdAt > setupStartedAfter(now) &&
    row.failedAttempts < TWO_FACTOR_ATTEMPTS
  );
}
