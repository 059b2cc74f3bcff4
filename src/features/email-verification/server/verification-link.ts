// A verification link for an unverified account, sent after the response and within the mail throttle (over the
// limit, nothing goes and the links sent already still work): at sign-up, and when an unverified person signs in
// with the right password.
import "server-only";

import type { User } from "@/db/schema";
import { chargeMailRequest, type MailRequest } from "@/features/auth/server/throttle";
import { afterResponse } from "@/features/mail/server/deliver";
import { sendLink } from "@/features/mail/server/links";

/** `params` ride in the link's query (a sign-up's callbackUrl). */
export function mailVerificationLink(
  user: Pick<User, "id" | "email" | "emailVerifiedAt">,
  request: MailRequest,
  params: Record<string, string> = {},
): void {
  if (user.emailVerifiedAt !== null) return;
  afterResponse("verification link", async () => {
    if ((await chargeMailRequest(request)) > 0) return;
    await sendLink(user.id, "verify-email", user.email, params);
  });
}
