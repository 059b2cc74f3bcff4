// Sign-ups with EMAIL_VERIFICATION=required: no account until the link is opened. What differs between a free
// address and a taken one all happens here, after the response — the lookup, the pending registration, the mail —
// so neither the sign-up's answer nor its timing tells a stranger who has an account.
import "server-only";

import { LINK_PAGE, REGISTRATION_LIFETIME_MS } from "@/config/mail-links";
import { renewPendingRegistration, replacePendingRegistration } from "@/db/pending-registrations";
import { getUserByEmail } from "@/db/queries";
import { chargeMailRequest, type MailRequest } from "@/features/auth/server/throttle";
import { appUrl } from "@/features/mail/server/app-url";
import { afterResponse, deliver } from "@/features/mail/server/deliver";
import { newLinkToken } from "@/features/mail/server/link-token";
import { signUpAttemptMail, verifyEmailMail } from "@/features/mail/server/messages";

export interface Registration {
  name: string;
  email: string;
  passwordHash: string;
}

/**
 * After the response: a taken address's owner gets a note that someone tried; a free address gets its link, and
 * the sign-up waits as a pending registration (replacing any earlier one for that address, and its link). Both
 * within the mail throttle: over it, nothing is stored or sent, and the answer was the same. `params` ride in the
 * link (a sign-up's callbackUrl).
 */
export function registerAfterResponse(
  registration: Registration,
  request: MailRequest,
  params: Record<string, string>,
): void {
  afterResponse("sign-up", async () => {
    if ((await chargeMailRequest(request)) > 0) return;
    if (await getUserByEmail(registration.email)) return deliver(signUpAttemptMail(registration.email));
    const { token, tokenHash } = newLinkToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + REGISTRATION_LIFETIME_MS);
    await replacePendingRegistration({ ...registration, tokenHash, expiresAt }, now);
    await deliver(verifyEmailMail(registration.email, registrationLink(token, params)));
  });
}

/** "Send a new link" for a sign-up still waiting: a new link (the older one stops working). False when none waits. */
export async function resendRegistrationLink(email: string): Promise<boolean> {
  const { token, tokenHash } = newLinkToken();
  const now = new Date();
  const renewed = await renewPendingRegistration(
    email,
    { tokenHash, expiresAt: new Date(now.getTime() + REGISTRATION_LIFETIME_MS) },
    now,
  );
  if (renewed) await deliver(verifyEmailMail(email, registrationLink(token, {})));
  return renewed;
}

/** The registration's link opens the verification page, like any address check. */
const registrationLink = (token: string, params: Record<string, string>) =>
  appUrl(LINK_PAGE["verify-email"], { ...params, token });
