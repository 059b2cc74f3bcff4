import { HOME_AFTER_SIGN_IN, ROUTES } from "@/config/routes";

/** The second step of a sign-in, coming back to `returnTo` afterwards (left out when it is the default). */
export function twoFactorPath(returnTo: string): string {
  const path = ROUTES.twoFactor.path;
  return returnTo === HOME_AFTER_SIGN_IN ? path : `${path}?callbackUrl=${encodeURIComponent(returnTo)}`;
}
