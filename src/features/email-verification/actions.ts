"use server";

import { headers } from "next/headers";
import { z } from "zod";

import { unstable_update } from "auth";
import { cancelEmailChangeWithLink, changeEmailWithLink, verifyEmailWithLink } from "@/db/mail-links";
import { completeRegistration } from "@/db/pending-registrations";
import { getUserByEmail } from "@/db/queries";
import { recordRequestEvent } from "@/features/activity/server/record";
import { action, authedAction } from "@/features/auth/server/action";
import { currentUser } from "@/features/auth/server/session";
import { chargeMailRequest, throttleMessage } from "@/features/auth/server/throttle";
import { afterResponse } from "@/features/mail/server/deliver";
import { hashLinkToken } from "@/features/mail/server/link-token";
import { sendLink, sendSecurityNotice } from "@/features/mail/server/links";
import { INVALID_LINK } from "@/features/mail/shared/link-token";
import { clientKey } from "@/lib/server/client-ip";

import { resendRegistrationLink } from "./server/registration-link";
import {
  EMAIL_VERIFIED,
  emailChangeCancelled,
  NEW_LINK_SENT,
  openLinkSchema,
  resendVerificationSchema,
} from "./shared/schemas";

/**
 * Opens a link sent to an address: a sign-up's verification, or an email change's confirmation (one page serves
 * both; the token says which). Spending it is one atomic statement, so of two tabs racing on it one wins. When
 * this browser is signed in as that person, its session cookie is refreshed now; other sessions see the change
 * at their next check (AUTH_REVALIDATE_SECONDS).
 */
export const openEmailLinkAction = action(openLinkSchema, async ({ token }) => {
  const tokenHash = hashLinkToken(token);
  const now = new Date();
  // A sign-up's link makes the account now; an older account's verification link marks it verified.
  const verified = (await completeRegistration(tokenHash, now)) ?? (await verifyEmailWithLink(tokenHash, now));
  const changed = verified ? undefined : await changeEmailWithLink(tokenHash, now);
  const user = verified ?? changed?.user;
  if (!user) return { status: "error", formError: INVALID_LINK };
  if (changed) {
    await recordRequestEvent("email-changed", user.id, { detail: { previousEmail: changed.previousEmail } });
    afterResponse("email-changed notice", () =>
      sendSecurityNotice(changed.previousEmail, { kind: "email-changed", newEmail: changed.user.email }),
    );
  }
  if ((await currentUser())?.id === user.id) await unstable_update({});
  const message = changed ? `${EMAIL_VERIFIED}. Your account's email is now ${user.email}.` : `${EMAIL_VERIFIED}.`;
  return { status: "success", message };
});

/**
 * "Send a new link": answers the same for every address — an unknown one, a verified one, one waiting — and does
 * the lookup after the response, so neither the words nor the time tell whether the address has an account.
 */
export const resendVerificationAction = action(resendVerificationSchema, async ({ email }) => {
  const request = { email, ip: clientKey(await headers()) };
  const wait = await chargeMailRequest(request);
  if (wait > 0) return { status: "error", formError: throttleMessage(wait) };
  afterResponse("verification link (resend)", async () => {
    if (await resendRegistrationLink(email)) return; // a sign-up waiting for its link
    const user = await getUserByEmail(email);
    if (user && user.emailVerifiedAt === null) await sendLink(user.id, "verify-email", user.email);
  });
  return { status: "success", message: NEW_LINK_SENT };
});

/** The banner's "send a new link" (EMAIL_VERIFICATION=optional): to the signed-in person's own address. */
export const resendMyVerificationAction = authedAction(z.object({}), async (_data, { user }) => {
  if (user.emailVerifiedAt !== null) return { status: "success", message: `${EMAIL_VERIFIED}.` };
  const wait = await chargeMailRequest({ email: user.email, ip: clientKey(await headers()) });
  if (wait > 0) return { status: "error", formError: throttleMessage(wait) };
  afterResponse("verification link (banner)", () => sendLink(user.id, "verify-email", user.email));
  return { status: "success", message: `We sent a new link to ${user.email}.` };
});

/**
 * Opens the link that cancels an email change (sent to the old address with the change's notice): every change
 * link still out stops working. The account keeps its address; the answer advises a reset, since whoever asked
 * for the change knew the password.
 */
export const cancelEmailChangeAction = action(openLinkSchema, async ({ token }) => {
  const user = await cancelEmailChangeWithLink(hashLinkToken(token), new Date());
  if (!user) return { status: "error", formError: INVALID_LINK };
  await recordRequestEvent("email-change-cancelled", user.id);
  return { status: "success", message: emailChangeCancelled(user.email) };
});
