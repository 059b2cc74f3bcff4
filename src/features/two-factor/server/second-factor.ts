// Checking a second factor against the database: an authenticator code (its secret unsealed, its time step
// recorded so the code works once) or a recovery code (marked used). Used by the sign-in's second step and by the
// re-authentication step of every sensitive change (src/features/reauthentication).
import "server-only";

import { authConfig } from "auth.config";
import type { Executor } from "@/db";
import { getTwoFactorSecret, recordTotpStep, spendRecoveryCode } from "@/db/two-factor";
import type { Lane } from "@/features/auth/server/hash-pool";
import { logger } from "@/lib/server/logger";
import { open, seal } from "@/lib/server/secret-box";

import { matchingRecoveryCode } from "./recovery-codes";
import { checkTotp } from "./totp";

/** What the secret box keys the authenticator secret by: a key of its own, derived from AUTH_SECRET. */
const TOTP_SECRET_PURPOSE = "totp-secret";
const secrets = (): readonly string[] => authConfig.secret ?? [];

export const sealTotpSecret = (secret: string): Promise<string> => seal(secret, TOTP_SECRET_PURPOSE, secrets());

/** The secret in the clear, or null when no secret in AUTH_SECRET's list can open it (logged: an operator's fault). */
export async function openTotpSecret(sealed: string): Promise<string | null> {
  const secret = await open(sealed, TOTP_SECRET_PURPOSE, secrets());
  if (secret === null) logger.error("two-factor secret cannot be opened: was AUTH_SECRET replaced instead of rotated?");
  return secret;
}

export type SecondFactor = { kind: "totp"; code: string } | { kind: "recovery"; code: string };
export type SecondFactorCheck =
  { valid: false } | { valid: true; kind: "totp" } | { valid: true; kind: "recovery"; recoveryCodesLeft: number };

/** A code that is right for the account, not used yet: what spending it will write. */
export type SecondFactorMatch = { kind: "totp"; step: number } | { kind: "recovery"; id: string };

/**
 * Whether `factor` is right for the account now, without using it up: the match to spend, or null. The slow part
 * (bcrypt for a recovery code) happens here, outside any transaction.
 */
export async function matchSecondFactor(
  userId: string,
  factor: SecondFactor,
  { now, lane }: { now: Date; lane: Lane },
): Promise<SecondFactorMatch | null> {
  if (factor.kind === "recovery") {
    const id = await matchingRecoveryCode(userId, factor.code, lane);
    return id === null ? null : { kind: "recovery", id };
  }
  const row = await getTwoFactorSecret(userId);
  if (!row?.enabledAt) return null;
  const secret = await openTotpSecret(row.sealedSecret);
  if (secret === null) return null;
  const check = await checkTotp(secret, factor.code, { now, lastUsedStep: row.lastUsedStep });
  return check.valid ? { kind: "totp", step: check.timeStep } : null;
}

/**
 * Uses a match up, on `executor` (a transaction, when something must happen with it): the code's time step is
 * recorded (it and every earlier step are refused from now on), or the recovery code is marked used. A request
 * that loses a race for the same code gets `valid: false`.
 */
export async function spendMatch(
  userId: string,
  match: SecondFactorMatch,
  now: Date,
  executor?: Executor,
): Promise<SecondFactorCheck> {
  if (match.kind === "totp")
    return (await recordTotpStep(userId, match.step, executor)) ? { valid: true, kind: "totp" } : { valid: false };
  const left = await spendRecoveryCode(userId, match.id, now, executor);
  return left === null ? { valid: false } : { valid: true, kind: "recovery", recoveryCodesLeft: left };
}

/** Whether `factor` is right for the account — and, when it is, used up (matchSecondFactor, then spendMatch). */
export async function spendSecondFactor(
  userId: string,
  factor: SecondFactor,
  { now, lane }: { now: Date; lane: Lane },
): Promise<SecondFactorCheck> {
  const match = await matchSecondFactor(userId, factor, { now, lane });
  return match ? spendMatch(userId, match, now) : { valid: false };
}
