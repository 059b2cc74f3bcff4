// Time-based one-time passwords (RFC 6238) for the second factor, on otplib v13: typed, constant-time comparison,
// and the time step of a match reported, which is what makes "a code works once" possible. The settings are the
// ones every authenticator app understands — SHA-1, 6 digits, 30 s — and a code one step early or late is taken
// (clocks drift), never two.
//
// Nothing here touches the database: the caller stores the secret (encrypted: ./secret-box.ts) and the last time
// step used, and passes that step back in, so a code replayed within its window is refused.
import "server-only";

import { generateSecret, generateURI, verify } from "otplib";

export const TOTP_PERIOD_SECONDS = 30;
const TOTP_DIGITS = 6;
/** Steps either side of now that still match: ±1 (RFC 6238 §5.2's "at most one time step" of delay, both ways). */
const TOTP_DRIFT_STEPS = 1;
/** 160 bits, the HMAC-SHA-1 block the RFC recommends and the least NIST allows for the shared secret. */
const TOTP_SECRET_BYTES = 20;

/** A new shared secret, base32 as authenticator apps take it (32 characters for 160 bits). */
export const newTotpSecret = (): string => generateSecret({ length: TOTP_SECRET_BYTES });

/** The otpauth:// URI a QR code carries: the app shows `issuer` and `account` next to the codes. */
export function totpUri(secret: string, issuer: string, account: string): string {
  return generateURI({ issuer, label: account, secret, period: TOTP_PERIOD_SECONDS, digits: TOTP_DIGITS });
}

export type TotpCheck = { valid: true; timeStep: number } | { valid: false };

/**
 * Whether `code` is the secret's code at `now` (± one step), and was not used before: `lastUsedStep` is the time
 * step of the last code accepted for this secret, and that step and every earlier one are refused. On success,
 * store the returned `timeStep` as the new last used step.
 */
export async function checkTotp(
  secret: string,
  code: string,
  { now, lastUsedStep }: { now: Date; lastUsedStep: number | null },
): Promise<TotpCheck> {
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code)) return { valid: false };
  const result = await verify({
    secret,
    token: code,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOTP_DRIFT_STEPS * TOTP_PERIOD_SECONDS,
    ...(lastUsedStep === null ? {} : { afterTimeStep: lastUsedStep }),
  });
  // otplib's verify types both strategies' results; a TOTP match carries its time step.
  return result.valid && "timeStep" in result ? { valid: true, timeStep: result.timeStep } : { valid: false };
}
