// Sending a link: a fresh token, its hash stored (voiding the person's older links of that purpose), and the mail
// with the link built from AUTH_URL. Call it inside afterResponse (./deliver.ts): nothing here should hold a
// response.
import "server-only";

import { LINK_LIFETIME_MS, LINK_PAGE, type LinkPurpose } from "@/config/mail-links";
import { replaceMailLink } from "@/db/mail-links";

import { appUrl } from "./app-url";
import { deliver } from "./deliver";
import { newLinkToken } from "./link-token";
import {
  confirmEmailChangeMail,
  resetPasswordMail,
  securityNoticeMail,
  verifyEmailMail,
  type Mail,
  type SecurityNotice,
} from "./messages";

const MAIL_OF: Record<LinkPurpose, (to: string, link: string) => Mail> = {
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
  purpose: LinkPurpose,
  to: string,
  params: Record<string, string> = {},
): Promise<void> {
  const { token, tokenHash } = newLinkToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS[purpose]);
  await replaceMailLink({ userId, purpose, email: to, tokenHash, expiresAt }, now);
  await deliver(MAIL_OF[purpose](to, appUrl(LINK_PAGE[purpose], { ...params, token })));
}

/** Tells an account's owner what just happened to it (see SecurityNotice for the kinds). */
export async function sendSecurityNotice(to: string, notice: SecurityNotice): Promise<void> {
  await deliver(securityNoticeMail(to, notice));
}
