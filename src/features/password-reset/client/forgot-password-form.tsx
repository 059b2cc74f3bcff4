"use client";

import { EmailRequestForm } from "@/components/email-request-form";
import { forgotPasswordAction } from "@/features/password-reset/actions";

/** "Send reset link": the same answer for every address (the lookup happens after the response). */
export function ForgotPasswordForm() {
  return <EmailRequestForm action={forgotPasswordAction} submitLabel="Send reset link" />;
}
