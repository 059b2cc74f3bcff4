"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";

import { signOut } from "auth";
import { ROUTES } from "@/config/routes";
import { findUsableMailLink, resetPasswordWithLink } from "@/db/mail-links";
import { getUserByEmail } from "@/db/queries";
import { recordRequestEvent } from "@/features/activity/server/record";
import { action } from "@/features/auth/server/action";
import { HashPoolBusyError } from "@/features/auth/server/hash-pool";
import { hashPassword } from "@/features/auth/server/password-hash";
import { serverPasswordPolicy } from "@/features/auth/server/password-policy";
import { currentUser } from "@/features/auth/server/session";
import { chargeMailRequest, throttleMessage } from "@/features/auth/server/throttle";
import { wantsClientNavigation } from "@/features/auth/shared/client-navigation";
import { isPersonalPassword, PERSONAL_PASSWORD_MESSAGE } from "@/features/auth/shared/schemas";
import { afterResponse } from "@/features/mail/server/deliver";
import { hashLinkToken } from "@/features/mail/server/link-token";
import { sendLink, sendPasswordChangedNotice } from "@/features/mail/server/links";
import { INVALID_LINK } from "@/features/mail/shared/link-token";
import { clientKey } from "@/lib/server/client-ip";
import { BUSY } from "@/lib/shared/form";

import {
  forgotPasswordSchema,
  RESET_DONE_PARAM,
  RESET_DONE_VALUE,
  RESET_LINK_SENT,
  resetPasswordSchema,
} from "./shared/schemas";

/**
 * "Send reset link": the same words for every address, and the same work before them — one charge to the mail
 * throttle, whether or not the address has an account. Looking the account up, storing the link and sending it
 * all happen after the response, so neither the answer nor its timing tells who has an account here.
 */
export const forgotPasswordAction = action(forgotPasswordSchema, async ({ email }) => {
  const wait = await chargeMailRequest({ email, ip: clientKey(await headers()) });
  if (wait > 0) return { status: "error", formError: throttleMessage(wait) };
  afterResponse("reset link", async () => {
    const user = await getUserByEmail(email);
    if (user) await sendLink(user.id, "reset-password", user.email);
  });
  return { status: "success", message: RESET_LINK_SENT };
});

const SIGN_IN_AFTER_RESET = `${ROUTES.signIn.path}?${RESET_DONE_PARAM}=${RESET_DONE_VALUE}`;

/**
 * The reset link's form. Everything that can refuse the new password is checked before the link is spent (a
 * too-short password leaves it usable); then one transaction spends the link, sets the hash and bumps the
 * session version — of two tabs racing on one link exactly one gets there. Every session of the account ends,
 * and no one is signed in: the person signs in with the new password.
 */
export const resetPasswordAction = action(
  resetPasswordSchema(serverPasswordPolicy()),
  async ({ token, newPassword }, { formData }) => {
    const tokenHash = hashLinkToken(token);
    const found = await findUsableMailLink(tokenHash, "reset-password", new Date());
    if (!found) return { status: "error", formError: INVALID_LINK };
    if (isPersonalPassword(newPassword, found.user))
      return { status: "error", fieldErrors: { newPassword: PERSONAL_PASSWORD_MESSAGE } };

    let passwordHash: string;
    try {
      passwordHash = await hashPassword(newPassword);
    } catch (error) {
      if (error instanceof HashPoolBusyError) return { status: "error", formError: BUSY };
      throw error;
    }
    // Spent only now, and only if still usable: another tab may have won, or the link expired meanwhile.
    // The credentials-changed event comes with it: every session ends and every pending link or change is voided.
    const reset = await resetPasswordWithLink(tokenHash, passwordHash, new Date());
    if (!reset) return { status: "error", formError: INVALID_LINK };

    const { user } = reset;
    await recordRequestEvent("password-reset", user.id, reset.firstProof ? { detail: { firstProof: true } } : {});
    afterResponse("password-changed notice", () => sendPasswordChangedNotice(user.id, user.email));
    // This browser's own session (if it has one) ended with the others; take its cookie too, so /login does not
    // send it to a dashboard it can no longer use.
    if (await currentUser()) await signOut({ redirect: false });
    if (!wantsClientNavigation(formData)) redirect(SIGN_IN_AFTER_RESET);
    return { status: "success", redirectTo: SIGN_IN_AFTER_RESET, values: {} };
  },
);
