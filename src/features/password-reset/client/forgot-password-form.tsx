"use client";

import { useActionState } from "react";

import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { SubmitButton } from "@/components/submit-button";
import { forgotPasswordAction } from "@/features/password-reset/actions";
import { IDLE } from "@/lib/form";

/** "Send reset link": the same answer for every address (the lookup happens after the response). */
export function ForgotPasswordForm() {
  const [state, formAction] = useActionState(forgotPasswordAction, IDLE);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormAlert error={state.formError} message={state.message} />
      <FormField
        key={`email-${state.values?.email ?? ""}`}
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={state.fieldErrors?.email}
      />
      <SubmitButton label="Send reset link" pendingLabel="Sending…" />
    </form>
  );
}
