// Sending a link: a fresh token, its hash stored (voiding the person's older links of that purpose), and the mail
// with the link built from AUTH_URL; and the security notices. Call these inside afterResponse (./deliver.ts):
// nothing here should hold a response.
import "server-only";

import { LINK_LIFETIME_MS, LINK_PAGE, type LinkPurpose } from "@/config/mail-links";
import { replaceMailLink } from "@/db/mail-links";
import { listPasskeys } from "@/db/passkeys";

import { appUrl } from "./app-url";
import { deliver } from "./deliver";
import { newLinkToken } from "./link-token";
import {
  cancelEmailChangeMail,
  confirmEmailChangeMail,
  resetPasswordMail,
  securityNoticeMail,
  verifyEmailMail,
  type Mail,
  type SecurityNotice,
} from "./messages";

type SentLink = Exclude<LinkPurpose, "cancel-email-change">;

const MAIL_OF: Record<SentLink, (to: string, link: string) => Mail> = {
  "verify-email": verifyEmailMail,
  "reset-password": resetPasswordMail,
  "change-email": confirmEmailChangeMail,
};

/**
 * Issues a `purpose` link for the account `userId` and mails it to `to` (the new address, for a change).
 * `params` ride along in the link's query (a sign-up's callbackUrl, so the person ends up where they set out for).
 */
export async function sendLink(
  userId: string,
  purpose: SentLink,
  to: string,
  params: Record<string, string> = {},
): Promise<void> {
  const link = await issueLink(userId, purpose, to, params);
  await deliver(MAIL_OF[purpose](to, link));
}

/**
 * Tells the account's owner, at the address it has now, that a change of email to `newEmail` was asked for —
 * with a link that cancels it (every change link still out stops working).
 */
export async function sendEmailChangeNotice(userId: string, oldEmail: string, newEmail: string): Promise<void> {
  const link = await issueLink(userId, "cancel-email-change", oldEmail);
  await deliver(cancelEmailChangeMail(oldEmail, link, newEmail));
}

/** A fresh token for a link, its hash stored (voiding the person's older links of that purpose): the link's URL. */
async function issueLink(
  userId: string,
  purpose: LinkPurpose,
  to: string,
  params: Record<string, string> = {},
): Promise<string> {
  const { token, tokenHash } = newLinkToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS[purpose]);
  await replaceMailLink({ userId, purpose, email: to, tokenHash, expiresAt }, now);
  return appUrl(LINK_PAGE[purpose], { ...params, token });
}

/** Tells an account's owner what just happened to it (see SecurityNotice for the kinds). */
export async function sendSecurityNotice(to: string, notice: SecurityNotice): Promise<void> {
  await deliver(securityNoticeMail(to, notice));
}

/**
 * "Your password was changed" (after a reset or a change in Settings), listing what still signs in without the
 * password — the account's passkeys, as they are when the mail is written — so an owner who is recovering the
 * account sees at once what an intruder might have kept.
 */
export async function sendPasswordChangedNotice(userId: string, to: string): Promise<void> {
  const passkeys = (await listPasskeys(userId)).map(({ name }) => name);
  await sendSecurityNotice(to, { kind: "password-changed", passkeys });
}
