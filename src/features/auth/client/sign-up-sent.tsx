"use client";

import { FormAlert } from "@/components/form-alert";
import { ResendVerificationForm } from "@/features/email-verification/client/resend-verification-form";

/**
 * What a sign-up that waits for its link shows in place of the emptied form: where the link went, a way to send it
 * again (to the same address, already filled in), a way back for a mistyped address, and — in development, where
 * no mail leaves the machine — the outbox the link is in.
 */
export function SignUpSent({
  message,
  email,
  registerPath,
  devOutbox,
}: {
  message: string;
  email?: string;
  registerPath: string;
  devOutbox?: string;
}) {
  return (
    <div className="space-y-6">
      <FormAlert message={message} />
      {devOutbox && (
        <p className="text-sm">
          In development, mail stays on this machine:{" "}
          <a href={devOutbox} className="underline">
            open the outbox
          </a>
          .
        </p>
      )}
      <ResendVerificationForm email={email} heading="Didn't get it?" />
      <p className="text-sm">
        Wrong address? {/* A full page load: a fresh form, with or without JavaScript. */}
        <a href={registerPath} className="underline">
          Sign up again with another one
        </a>
        .
      </p>
    </div>
  );
}
