import { HOME_AFTER_SIGN_IN } from "@/config/routes";

/** The second step of a sign-in. */
export const TWO_FACTOR_PATH = "/login/two-factor";

/** The second step, coming back to `returnTo` afterwards (left out when it is the default). */
export function twoFactorPath(returnTo: string): string {
  return returnTo === HOME_AFTER_SIGN_IN
    ? TWO_FACTOR_PATH
    : `${TWO_FACTOR_PATH}?callbackUrl=${encodeURIComponent(returnTo)}`;
}
