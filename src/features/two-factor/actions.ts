"use server";

// The two-factor forms: turning it on from /settings (password, then a code from the app), recovery codes, turning
// it off — and the second step of a sign-in at /login/two-factor, which finishes through Auth.js's signIn like
// the first step, so a session still comes only out of Credentials' `authorize`.
import { AuthError, CredentialsSignin } from "next-auth";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";

import { signIn } from "auth";
import { ROUTES } from "@/config/routes";
import type { User } from "@/db/schema";
import {
  cancelTwoFactorSetup,
  chargeTwoFactorSetup,
  disableTwoFactor,
  enableTwoFactor,
  getTwoFactorSecret,
  replaceRecoveryCodes,
  startTwoFactorSetup,
} from "@/db/two-factor";
import { recordRequestEvent } from "@/features/activity/server/record";
import { safeCallbackUrl } from "@/features/auth/edge/callback-url";
import { action, authedAction, type ActionContext } from "@/features/auth/server/action";
import { guardedPasswordCheck, uncomparedMessage } from "@/features/auth/server/check-password";
import { currentSession, sessionEnded } from "@/features/auth/server/session";
import { WrongCode } from "@/features/auth/server/sign-in-errors";
import { wantsClientNavigation } from "@/features/auth/shared/client-navigation";
import { afterResponse } from "@/features/mail/server/deliver";
import { sendSecurityNotice } from "@/features/mail/server/links";
import type { SecurityNotice } from "@/features/mail/server/messages";
import { sensitiveAction } from "@/features/reauthentication/server/sensitive-action";
import { REAUTH_MESSAGES } from "@/features/reauthentication/shared/schemas";
import { clientKey } from "@/lib/server/client-ip";
import { BUSY, SERVICE_UNAVAILABLE, type FormState } from "@/lib/shared/form";

import { TWO_FACTOR_ATTEMPTS } from "./server/pending-sign-in";
import { newRecoveryCodeSet } from "./server/recovery-codes";
import { openTotpSecret, sealTotpSecret } from "./server/second-factor";
import { isLiveSetup, setupStartedAfter } from "./server/setup";
import { checkTotp, newTotpSecret } from "./server/totp";
import {
  ALREADY_ON,
  NOT_ON,
  RECOVERY_CODE_SIGN_IN,
  SETUP_GONE,
  SETUP_STARTED,
  SIGN_IN_ENDED,
  TOO_MANY_ATTEMPTS,
  WRONG_CODE,
  wrongCodeTriesLeft,
} from "./shared/messages";
import {
  cancelTwoFactorSetupSchema,
  disableTwoFactorSchema,
  enableTwoFactorSchema,
  regenerateRecoveryCodesSchema,
  startTwoFactorSchema,
  verifyRecoveryCodeSchema,
  verifyTotpSchema,
} from "./shared/schemas";

const SETTINGS = ROUTES.settingsSecurity.path; // where both sections live

/** The account's owner hears of every change to their second factor, at the address they have now. */
function tell(user: Pick<User, "email">, notice: SecurityNotice): void {
  afterResponse(`${notice.kind} notice`, () => sendSecurityNotice(user.email, notice));
}

/**
 * Settings, step 1: a new secret — sealed — waiting for its first code, shown as a QR code and a key. Nothing is on
 * yet, so no factor is asked here: the step that turns it on re-authenticates (and an account whose address is not
 * proven cannot start).
 */
export const startTwoFactorAction = authedAction(startTwoFactorSchema, async (_data, { user }) => {
  if (user.emailVerifiedAt === null) return { status: "error", formError: REAUTH_MESSAGES.verifyFirst };
  if ((await getTwoFactorSecret(user.id))?.enabledAt) return { status: "error", formError: ALREADY_ON };
  if (!(await startTwoFactorSetup(user.id, await sealTotpSecret(newTotpSecret()), new Date())))
    return { status: "error", formError: ALREADY_ON };
  revalidatePath(SETTINGS); // the section now shows the QR code and the key
  return { status: "success", message: SETUP_STARTED };
});

/**
 * Settings, step 2: the re-authentication, then one valid code from the new app switches it on — every other
 * session ends (a session made with the password alone must not outlive the second factor) and everything pending
 * is voided. The recovery codes are made and shown this once. Each code is charged to the setup (it ends after
 * TWO_FACTOR_ATTEMPTS wrong ones, or TWO_FACTOR_SETUP_SECONDS) and to the account's throttle before it is checked.
 */
export const enableTwoFactorAction = sensitiveAction(
  enableTwoFactorSchema,
  async ({ code }, { user }) => {
    const now = new Date();
    const session = await currentSession();
    if (!session) return sessionEnded();
    const row = await chargeTwoFactorSetup(user.id, {
      maxAttempts: TWO_FACTOR_ATTEMPTS,
      startedAfter: setupStartedAfter(now),
    });
    const secret = row && (await openTotpSecret(row.sealedSecret));
    if (!row || !secret) return { status: "error", formError: SETUP_GONE };
    const outcome = await guardedPasswordCheck(
      { email: user.email, ip: clientKey(await headers()) },
      "signed-in",
      async () => {
        const check = await checkTotp(secret, code, { now, lastUsedStep: row.lastUsedStep });
        return check.valid ? check : null;
      },
    );
    if (outcome.kind !== "checked") return { status: "error", formError: uncomparedMessage(outcome) };
    if (!outcome.result) return { status: "error", fieldErrors: { code: WRONG_CODE } };
    const { codes, hashes } = await newRecoveryCodeSet();
    const enabled = await enableTwoFactor(
      user.id,
      {
        sealedSecret: row.sealedSecret,
        step: outcome.result.timeStep,
        codeHashes: hashes,
        keepSession: session.sessionId,
      },
      now,
    );
    if (!enabled) return { status: "error", formError: SETUP_GONE };
    await recordRequestEvent("two-factor-enabled", user.id);
    tell(user, { kind: "two-factor-enabled" });
    // No revalidation: the codes stay on screen until the person has saved them and chooses Done.
    return {
      status: "success",
      message:
        "Two-factor authentication is on, and every other device was signed out. Save these recovery codes now: they are shown only this once.",
      revealed: codes,
    };
  },
  {
    verifiedEmail: true,
    // Before the password is checked: a setup that is gone or on already needs no re-authentication to say so.
    check: async (_data, { user }) => {
      const row = await getTwoFactorSecret(user.id);
      if (row?.enabledAt) return { status: "error", formError: ALREADY_ON };
      return isLiveSetup(row, new Date()) ? null : { status: "error", formError: SETUP_GONE };
    },
  },
);

export const cancelTwoFactorSetupAction = authedAction(cancelTwoFactorSetupSchema, async (_data, { user }) => {
  await cancelTwoFactorSetup(user.id);
  revalidatePath(SETTINGS);
  return { status: "success" };
});

const requireOn = async (_data: unknown, { user }: { user: User }) =>
  (await getTwoFactorSecret(user.id))?.enabledAt ? null : ({ status: "error", formError: NOT_ON } as const);

/** A new set of recovery codes, after the re-authentication; the old set stops working at once. */
export const regenerateRecoveryCodesAction = sensitiveAction(
  regenerateRecoveryCodesSchema,
  async (_data, { user }) => {
    const { codes, hashes } = await newRecoveryCodeSet();
    await replaceRecoveryCodes(user.id, hashes);
    await recordRequestEvent("recovery-codes-regenerated", user.id);
    tell(user, { kind: "recovery-codes-regenerated" });
    revalidatePath(SETTINGS);
    return {
      status: "success",
      message: "New recovery codes. The old ones no longer work. Save these now: they are shown only this once.",
      revealed: codes,
    };
  },
  { check: requireOn },
);

/**
 * Off again, after the re-authentication: the password and a code (from the app, or a recovery code — a lost
 * phone must not lock it on).
 */
export const disableTwoFactorAction = sensitiveAction(
  disableTwoFactorSchema,
  async (_data, { user }) => {
    await disableTwoFactor(user.id);
    await recordRequestEvent("two-factor-disabled", user.id);
    tell(user, { kind: "two-factor-disabled" });
    revalidatePath(SETTINGS);
    return { status: "success", message: "Two-factor authentication is off." };
  },
  { check: requireOn },
);

/**
 * The second step of a sign-in: `credentials` go to Auth.js's signIn, whose `authorize` checks them against the
 * pending sign-in this browser's cookie names. On success the browser goes on to `after`.
 */
async function finishSignIn<Field extends string>(
  field: Field,
  credentials: Record<Field, string>,
  after: string,
  { formData }: ActionContext,
): Promise<FormState<Field>> {
  const redirect = !wantsClientNavigation(formData);
  try {
    await signIn("credentials", { ...credentials, redirectTo: after, redirect });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error; // the redirect to `after` (no JavaScript)
    if (error instanceof CredentialsSignin) {
      if (error.code === "wrong-code") {
        const left = error instanceof WrongCode ? error.triesLeft : undefined;
        const message = left === undefined ? WRONG_CODE : wrongCodeTriesLeft(left);
        return { status: "error", fieldErrors: { [field]: message } as Partial<Record<Field, string>> };
      }
      if (error.code === "sign-in-ended") return { status: "error", formError: SIGN_IN_ENDED };
      if (error.code === "busy") return { status: "error", formError: BUSY };
      // The wait depends on the account's counters, which this form does not name: the message does not either.
      if (error.code === "throttled") return { status: "error", formError: TOO_MANY_ATTEMPTS };
      return { status: "error", formError: SIGN_IN_ENDED };
    }
    console.error(`[two-factor sign-in] ${error.type}: ${error.message}`);
    return { status: "error", formError: SERVICE_UNAVAILABLE };
  }
  return { status: "success", redirectTo: after };
}

export const verifyTotpAction = action(verifyTotpSchema, async ({ code }, context) =>
  finishSignIn("code", { code }, safeCallbackUrl(context.formData.get("callbackUrl")), context),
);

/** With a recovery code, the person goes to Settings: it tells how many codes are left, and how to set up anew. */
export const verifyRecoveryCodeAction = action(verifyRecoveryCodeSchema, async ({ recoveryCode }, context) =>
  finishSignIn("recoveryCode", { recoveryCode }, `${SETTINGS}?${RECOVERY_CODE_SIGN_IN}`, context),
);
