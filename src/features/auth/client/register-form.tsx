"use client";

import { useActionState } from "react";

import { EmailField } from "@/components/email-field";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { SubmitButton } from "@/components/submit-button";
import { registerAction } from "@/features/auth/actions/sign-up";
import { NAME_MAX_LENGTH } from "@/features/auth/shared/schemas";
import { IDLE } from "@/lib/shared/form";

import { ClientNavigationField, useFullPageRedirect } from "./full-page-redirect";
import { NewPasswordField } from "./password-field";

export function RegisterForm({ callbackUrl, passwordMinLength }: { callbackUrl: string; passwordMinLength: number }) {
  const [state, formAction] = useActionState(registerAction, IDLE);
  useFullPageRedirect(state.redirectTo);
  const values = state.values ?? {};
  // Remount the inputs with what the server echoed back, so a failed submit keeps what was typed.
  const echo = JSON.stringify(values);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormAlert error={state.formError} message={state.message} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <ClientNavigationField />
      <FormField
        key={`name-${echo}`}
        name="name"
        label="Name"
        autoComplete="name"
        required
        maxLength={NAME_MAX_LENGTH}
        defaultValue={values.name}
        error={state.fieldErrors?.name}
      />
      <EmailField typed={values.email} error={state.fieldErrors?.email} />
      <NewPasswordField
        name="password"
        label="Password"
        minLength={passwordMinLength}
        error={state.fieldErrors?.password}
      />
      <SubmitButton label="Create account" pendingLabel="Creating account…" />
    </form>
  );
}
