// A new verification link for an unverified account, after the response and within the mail throttle: used when
// an unverified person signs in with the right password, and by the "send a new link" forms.
import "server-only";

import type { User } from "@/db/schema";
import { chargeMailRequest, type MailRequest } from "@/features/auth/server/throttle";
import { afterResponse } from "@/features/mail/server/deliver";
import { sendLink } from "@/features/mail/server/links";

export function resendVerification(user: Pick<User, "id" | "email" | "emailVerifiedAt">, request: MailRequest): void {
  if (user.emailVerifiedAt !== null) return;
  afterResponse("verification link", async () => {
    if ((await chargeMailRequest(request)) > 0) return; // over the limit: the links sent already still work
    await sendLink(user.id, "verify-email", user.email);
  });
}
