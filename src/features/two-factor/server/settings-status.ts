// What the Two-factor section of /settings shows, read in the page's one account statement: on (since when, how
// many recovery codes are left), being set up (the secret, unsealed, for the QR code and the key), or off.
import "server-only";

import { APP_NAME } from "@/config/app";
import { accountSecurity } from "@/features/reauthentication/server/account-security";

import { openTotpSecret } from "./second-factor";
import { isLiveSetup } from "./setup";
import { totpUri } from "./totp";

export type TwoFactorSettings =
  | { state: "off" }
  /** Set up but not confirmed yet: the secret (base32, as the app takes it) and its otpauth:// URI for the QR code. */
  | { state: "enrolling"; secret: string; uri: string }
  | { state: "on"; enabledAt: Date; recoveryCodesLeft: number };

export async function twoFactorSettings(userId: string, email: string, now = new Date()): Promise<TwoFactorSettings> {
  const { secret: row, recoveryCodesLeft } = await accountSecurity(userId);
  if (row?.enabledAt) return { state: "on", enabledAt: row.enabledAt, recoveryCodesLeft };
  // A setup that expired or used up its attempts is as if never started: "Set up" starts a new one.
  if (!isLiveSetup(row, now)) return { state: "off" };
  const secret = await openTotpSecret(row.sealedSecret);
  // Sealed under a secret no longer in AUTH_SECRET's list: as if never started (setting up again replaces it).
  if (secret === null) return { state: "off" };
  return { state: "enrolling", secret, uri: totpUri(secret, APP_NAME, email) };
}
