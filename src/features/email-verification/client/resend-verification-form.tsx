"use client";

import { useActionState } from "react";

import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { SubmitButton } from "@/components/submit-button";
import { resendVerificationAction } from "@/features/email-verification/actions";
import { IDLE } from "@/lib/form";

/** "Get a new link": the same answer for every address (the lookup happens after the response). */
export function ResendVerificationForm() {
  const [state, formAction] = useActionState(resendVerificationAction, IDLE);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <h2 className="text-lg font-semibold">Get a new link</h2>
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
      <SubmitButton label="Send a new link" pendingLabel="Sending…" />
    </form>
  );
}
