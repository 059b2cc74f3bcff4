"use client";

import { useActionState } from "react";

import { EmailField } from "@/components/email-field";
import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";
import { IDLE, type FormState } from "@/lib/shared/form";

type EmailAction = (previous: FormState<"email">, formData: FormData) => Promise<FormState<"email">>;

/**
 * A form that asks for one thing, an address, and answers the same whoever it belongs to: "send reset link",
 * "send a new (verification) link". The action does the lookup after its response.
 */
export function EmailRequestForm({
  action,
  heading,
  submitLabel,
  defaultEmail,
}: {
  action: EmailAction;
  heading?: string;
  submitLabel: string;
  /** The address already known (the one just signed up with), so nobody types it twice. */
  defaultEmail?: string;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {heading && <h2 className="text-lg font-semibold">{heading}</h2>}
      <FormAlert error={state.formError} message={state.message} />
      <EmailField typed={state.values?.email ?? defaultEmail} error={state.fieldErrors?.email} />
      <SubmitButton label={submitLabel} pendingLabel="Sending…" />
    </form>
  );
}
