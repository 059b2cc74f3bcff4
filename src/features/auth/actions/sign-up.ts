"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";

import { signIn } from "auth";
import { HOME_AFTER_SIGN_IN } from "@/config/routes";
import { createUser } from "@/db/queries";
import { safeCallbackUrl } from "@/features/auth/edge/callback-url";
import { action } from "@/features/auth/server/action";
import { HashPoolBusyError, hashPoolRefusal } from "@/features/auth/server/hash-pool";
import { hashPassword } from "@/features/auth/server/password-hash";
import { serverPasswordPolicy } from "@/features/auth/server/password-policy";
import { chargeMailRequest, chargeSignUp, throttleMessage } from "@/features/auth/server/throttle";
import { wantsClientNavigation } from "@/features/auth/shared/client-navigation";
import { checkYourInbox } from "@/features/auth/shared/messages";
import { registerSchema } from "@/features/auth/shared/schemas";
import { registerAfterResponse } from "@/features/email-verification/server/registration-link";
import { mailVerificationLink } from "@/features/email-verification/server/verification-link";
import { afterResponse, deliver } from "@/features/mail/server/deliver";
import { signUpAttemptMail } from "@/features/mail/server/messages";
import { clientKey } from "@/lib/server/client-ip";
import { env } from "@/lib/server/env";
import { BUSY } from "@/lib/shared/form";

/**
 * Sign-up answers the same for a new address and for one that has an account — same page, same status, same
 * work before the answer (the throttle's count, the bcrypt hash) — and leaves the difference to what happens after
 * the response: with EMAIL_VERIFICATION=required (the default), a pending registration and its link for a new
 * address, a note to an existing account's owner. No account exists until the link is opened, so signing in
 * before that answers as a wrong password does, and nobody can squat an address.
 *
 * With EMAIL_VERIFICATION=optional the account is made at once and signed in (so the page does tell a new address
 * from a taken one: .env.example says so).
 */
export const registerAction = action(
  registerSchema(serverPasswordPolicy()),
  async ({ name, email, password }, { formData }) => {
    // Cheapest first: the hashing queue's room (memory), then the per-IP count (one row), then bcrypt.
    if (hashPoolRefusal()) return { status: "error", formError: BUSY };
    const ip = clientKey(await headers());
    const wait = await chargeSignUp(ip);
    if (wait > 0) return { status: "error", formError: throttleMessage(wait) };
    let passwordHash: string;
    try {
      passwordHash = await hashPassword(password);
    } catch (error) {
      if (error instanceof HashPoolBusyError) return { status: "error", formError: BUSY };
      throw error;
    }

    const redirectTo = safeCallbackUrl(formData.get("callbackUrl"));
    // Where they set out for rides along in the verification link, so signing in after it lands there.
    const linkParams: Record<string, string> = redirectTo === HOME_AFTER_SIGN_IN ? {} : { callbackUrl: redirectTo };
    // The address rides along (and no other field): the confirmation offers to send the link again to it.
    const inbox = { status: "success", message: checkYourInbox(email), values: { email } } as const;
    if (env.EMAIL_VERIFICATION === "required") {
      registerAfterResponse({ name, email, passwordHash }, { email, ip }, linkParams);
      return inbox;
    }

    // EMAIL_VERIFICATION=optional: the unique index decides, so two simultaneous sign-ups with one email cannot
    // both win. A taken address still gets the same words, and its owner a note.
    const created = await createUser({ name, email, passwordHash });
    if (!created) {
      afterResponse("sign-up: existing account's note", async () => {
        if ((await chargeMailRequest({ email, ip })) === 0) await deliver(signUpAttemptMail(email));
      });
      return inbox;
    }
    // In at once; a banner asks to verify (both within the mail throttle: a stranger cannot fill an inbox).
    mailVerificationLink(created, { email, ip }, linkParams);
    try {
      await signIn("credentials", { email, password, redirectTo, redirect: !wantsClientNavigation(formData) });
    } catch (error) {
      if (error instanceof AuthError) {
        console.error(`[sign-up] account created but sign-in failed: ${error.type}`);
        return { status: "error", formError: "Your account was created, but we couldn't sign you in. Please sign in." };
      }
      throw error; // the redirect to the dashboard (no JavaScript)
    }
    return { status: "success", redirectTo };
  },
);
