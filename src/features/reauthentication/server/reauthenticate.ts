// The one re-authentication step. Every sensitive change — the password, the email, two-factor on or off, new
// recovery codes, adding a passkey, deleting the account — proves a factor again in the same request, checked
// here: the current password (or, for an account without one, a passkey assertion), plus an authentication code
// when two-factor is on. A session cookie alone never passes, however fresh: it is what an intruder copies.
//
// Each proof is charged to the account's sign-in throttle before it is checked, as a sign-in is, so a stolen
// cookie cannot guess the password or the code here either.
import "server-only";

import { headers } from "next/headers";

import type { User } from "@/db/schema";
import { getTwoFactorSecret } from "@/db/two-factor";
import { recordRequestEvent } from "@/features/activity/server/record";
import { guardedPasswordCheck, uncomparedMessage } from "@/features/auth/server/check-password";
import { afterResponse } from "@/features/mail/server/deliver";
import { sendSecurityNotice } from "@/features/mail/server/links";
import { authenticateWithPasskey } from "@/features/passkeys/server/webauthn";
import { confirmPassword } from "@/features/settings/server/confirm-password";
import { spendSecondFactor, type SecondFactor } from "@/features/two-factor/server/second-factor";
import { WRONG_CODE } from "@/features/two-factor/shared/messages";
import { clientKey } from "@/lib/server/client-ip";

import { REAUTH_MESSAGES, type ReauthField, type ReauthRequirements } from "../shared/schemas";

/** What a form sent to prove it is the account's owner (blank fields left out). */
export interface ReauthProof {
  currentPassword?: string;
  reauthCode?: SecondFactor;
  passkeyAssertion?: string;
}

/** Why the proof did not pass: a message under a field, or one for the whole form. */
export interface ReauthRefusal {
  fieldErrors?: Partial<Record<ReauthField, string>>;
  formError?: string;
}

/**
 * What `user` must prove: the password and, when two-factor is on, a code — or, for an account without a
 * password, a passkey, which is both factors at once (it verifies its user), as at sign-in.
 */
export function requirementsOf(user: { hasPassword: boolean; twoFactorOn: boolean }): ReauthRequirements {
  return { password: user.hasPassword, code: user.hasPassword && user.twoFactorOn };
}

/**
 * Null when `proof` proves again that this is `user` (the person as the database has them now); otherwise what to
 * tell them. Nothing is checked before every part it needs is there, so a half-filled form costs no attempt.
 */
export async function reauthenticate(user: User, proof: ReauthProof, now = new Date()): Promise<ReauthRefusal | null> {
  const twoFactorOn = Boolean((await getTwoFactorSecret(user.id))?.enabledAt);
  const needs = requirementsOf({ hasPassword: user.passwordHash !== "", twoFactorOn });
  if (!needs.password) return proveWithPasskey(user, proof.passkeyAssertion, now);

  const missing: ReauthRefusal["fieldErrors"] = {};
  if (!proof.currentPassword) missing.currentPassword = REAUTH_MESSAGES.needPassword;
  if (needs.code && !proof.reauthCode) missing.reauthCode = REAUTH_MESSAGES.needCode;
  if (!proof.currentPassword || (needs.code && !proof.reauthCode)) return { fieldErrors: missing };

  const refused = await confirmPassword(user, proof.currentPassword, { codeFollows: needs.code });
  if (refused) return { fieldErrors: { currentPassword: refused } };
  return needs.code && proof.reauthCode ? proveWithCode(user, proof.reauthCode, now) : null;
}

/** A passkey is both factors (it verifies its user), so an account without a password needs nothing else. */
async function proveWithPasskey(user: User, assertion: string | undefined, now: Date): Promise<ReauthRefusal | null> {
  if (!assertion) return { fieldErrors: { passkeyAssertion: REAUTH_MESSAGES.needPasskey } };
  const response = parseJsonObject(assertion);
  const attempt = { email: user.email, ip: clientKey(await headers()) };
  const outcome = await guardedPasswordCheck(attempt, "signed-in", async () => {
    if (!response) return null;
    // The library's types, checked by the library itself: a malformed response is refused there.
    const result = await authenticateWithPasskey(response as never, now, undefined, user);
    return result.user ? result : null;
  });
  if (outcome.kind !== "checked") return { formError: uncomparedMessage(outcome) };
  return outcome.result ? null : { fieldErrors: { passkeyAssertion: REAUTH_MESSAGES.passkeyRefused } };
}

/** The second factor, used up when right (a code works once); a recovery code used here is told like any other. */
async function proveWithCode(user: User, code: SecondFactor, now: Date): Promise<ReauthRefusal | null> {
  const outcome = await guardedPasswordCheck(
    { email: user.email, ip: clientKey(await headers()) },
    "signed-in",
    async () => {
      const check = await spendSecondFactor(user.id, code, { now, lane: "signed-in" });
      return check.valid ? check : null;
    },
  );
  if (outcome.kind !== "checked") return { formError: uncomparedMessage(outcome) };
  const check = outcome.result;
  if (!check) return { fieldErrors: { reauthCode: WRONG_CODE } };
  if (check.kind === "recovery") {
    const left = check.recoveryCodesLeft;
    await recordRequestEvent("recovery-code-used", user.id, { detail: { recoveryCodesLeft: left }, now });
    afterResponse("recovery-code-used notice", () =>
      sendSecurityNotice(user.email, { kind: "recovery-code-used", left }),
    );
  }
  return null;
}

function parseJsonObject(text: string): object | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? value : null;
  } catch {
    return null;
  }
}
