"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";

import { signIn, signOut } from "auth";
import { PASSWORD_ONLY } from "@/config/auth-methods";
import { HOME_PATH, ROUTES, SIGN_IN_PATH } from "@/config/routes";
import { voidMailLinks } from "@/db/mail-links";
import { bumpSessionVersion, changePassword, deleteUser, getUserByEmail } from "@/db/queries";
import { recordRequestEvent } from "@/features/activity/server/record";
import { action } from "@/features/auth/server/action";
import { hashPassword } from "@/features/auth/server/password-hash";
import { serverPasswordPolicy } from "@/features/auth/server/password-policy";
import { currentSession, sessionEnded, verifiedUser } from "@/features/auth/server/session";
import { chargeMailRequest, throttleMessage } from "@/features/auth/server/throttle";
import { wantsClientNavigation } from "@/features/auth/shared/client-navigation";
import { ACCOUNT_DELETED_QUERY } from "@/features/auth/shared/messages";
import { isPersonalPassword, PERSONAL_PASSWORD_MESSAGE } from "@/features/auth/shared/schemas";
import { afterResponse } from "@/features/mail/server/deliver";
import { sendEmailChangeNotice, sendLink, sendPasswordChangedNotice } from "@/features/mail/server/links";
import { sensitiveAction } from "@/features/reauthentication/server/sensitive-action";
import { startHandover } from "@/features/two-factor/server/pending-sign-in";
import { clientKey } from "@/lib/server/client-ip";

import {
  changeEmailSchema,
  changePasswordSchema,
  deleteAccountSchema,
  emailChangeRequested,
  SAME_EMAIL,
  signOutEverywhereSchema,
} from "./shared/schemas";

const PASSWORD_CHANGED = "password=changed";

export const changePasswordAction = sensitiveAction(
  changePasswordSchema(serverPasswordPolicy()),
  async ({ newPassword }, { user }) => {
    // The credentials-changed event: every session made before ends, and everything pending (a reset link asked
    // before, an email change) is voided. This browser stays signed in: the server signs it in again — a token with
    // the new version, made the way this session was (no second code).
    const changed = await changePassword(user.id, user.sessionVersion, await hashPassword(newPassword));
    if (!changed) return sessionEnded();
    await recordRequestEvent("password-changed", user.id);
    const methods = (await currentSession())?.methods ?? [...PASSWORD_ONLY];
    const handover = await startHandover({ user: changed, methods, now: new Date() });
    await signIn("credentials", { handover, redirect: false });
    afterResponse("password-changed notice", () => sendPasswordChangedNotice(user.id, user.email));
    // A new request, which carries the new cookie: re-rendering this one would read the old token, now revoked.
    redirect(`${ROUTES.settingsAccount.path}?${PASSWORD_CHANGED}`);
  },
  {
    check: ({ newPassword }, { user }) =>
      isPersonalPassword(newPassword, user)
        ? { status: "error", fieldErrors: { newPassword: PERSONAL_PASSWORD_MESSAGE } }
        : null,
  },
);

/**
 * Asks to move the account to another address. Nothing changes here: a link goes to the new address and the
 * change happens when it is opened (openEmailLinkAction), if the address is still free then. The answer is the
 * same whether or not another account has the address, and the lookup happens after the response, so neither
 * the words nor the time tell. The old address is told either way, with a link that cancels the change.
 */
export const changeEmailAction = sensitiveAction(
  changeEmailSchema,
  async ({ newEmail }, { user }) => {
    const wait = await chargeMailRequest({ email: newEmail, ip: clientKey(await headers()) });
    if (wait > 0) return { status: "error", formError: throttleMessage(wait) };

    const { id, email } = user;
    afterResponse("email change link", async () => {
      if (!(await getUserByEmail(newEmail))) return sendLink(id, "change-email", newEmail);
      // Taken: no mail to it, but this request still voids the older change link, as a request for a free address
      // would. Otherwise whether an older link still works would tell who has an account.
      await voidMailLinks(id, "change-email");
    });
    afterResponse("email-change-requested notice", () => sendEmailChangeNotice(id, email, newEmail));
    return { status: "success", message: emailChangeRequested(newEmail) };
  },
  {
    verifiedEmail: true,
    check: ({ newEmail }, { user }) =>
      newEmail === user.email ? { status: "error", fieldErrors: { newEmail: SAME_EMAIL } } : null,
  },
);

// A signed-out action that asks for the person itself: a session the database already ended still signs this
// browser out (its cookie goes), but ends no other session — the newer ones were not made with its version.
export const signOutEverywhereAction = action(signOutEverywhereSchema, async (_data, { formData }) => {
  const user = await verifiedUser();
  if (user && (await bumpSessionVersion(user.id, user.sessionVersion)))
    await recordRequestEvent("sign-out-everywhere", user.id);
  // This browser too: its token carries the old version as well.
  await signOut({ redirectTo: SIGN_IN_PATH, redirect: !wantsClientNavigation(formData) });
  return { status: "success", redirectTo: SIGN_IN_PATH };
});

export const deleteAccountAction = sensitiveAction(deleteAccountSchema, async (_data, { user, formData }) => {
  if (!(await deleteUser(user.id, user.sessionVersion))) return sessionEnded();
  const deleted = `${HOME_PATH}?${ACCOUNT_DELETED_QUERY}`; // the home page says so
  await signOut({ redirectTo: deleted, redirect: !wantsClientNavigation(formData) });
  return { status: "success", redirectTo: deleted };
});
