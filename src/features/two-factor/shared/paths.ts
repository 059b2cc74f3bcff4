import { pathReturningTo, ROUTES } from "@/config/routes";

/** The second step of a sign-in, coming back to `returnTo` afterwards (left out when it is the default). */
export function twoFactorPath(returnTo: string): string {
  return pathReturningTo(ROUTES.twoFactor.path, returnTo);
}
