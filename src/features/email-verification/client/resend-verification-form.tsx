"use client";

import { EmailRequestForm } from "@/components/email-request-form";
import { resendVerificationAction } from "@/features/email-verification/actions";

/** "Get a new link": the same answer for every address (the lookup happens after the response). */
export function ResendVerificationForm({ email, heading = "Get a new link" }: { email?: string; heading?: string }) {
  return (
    <EmailRequestForm
      action={resendVerificationAction}
      heading={heading}
      submitLabel="Send a new link"
      defaultEmail={email}
    />
  );
}
