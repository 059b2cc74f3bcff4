// What the settings page needs to know of the account to draw its sensitive forms — which factors the
// re-authentication asks, whether the address is proven, two-factor's state — read once per request (React
// `cache`) in one statement, however many sections ask.
import "server-only";

import { cache } from "react";

import { securityOverview, type SecurityOverview } from "@/db/two-factor";

import type { ReauthRequirements } from "../shared/schemas";
import { requirementsOf } from "./reauthenticate";

export interface AccountSecurity extends SecurityOverview {
  reauth: ReauthRequirements;
}

const NOTHING: SecurityOverview = { hasPassword: true, emailVerified: false, secret: undefined, recoveryCodesLeft: 0 };

export const accountSecurity = cache(async (userId: string): Promise<AccountSecurity> => {
  // A gone account: its session ends at the next check; until then the forms show the common case.
  const overview = (await securityOverview(userId)) ?? NOTHING;
  return {
    ...overview,
    reauth: requirementsOf({ hasPassword: overview.hasPassword, twoFactorOn: Boolean(overview.secret?.enabledAt) }),
  };
});
