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
import { SignUpSent } from "./sign-up-sent";

export function RegisterForm({
  callbackUrl,
  passwordMinLength,
  registerPath,
  devOutbox,
}: {
  callbackUrl: string;
  passwordMinLength: number;
  /** This page, as it was opened: where "Wrong address?" starts again. */
  registerPath: string;
  /** Development's outbox (/dev/mail), where the link is when no mail leaves the machine. */
  devOutbox?: string;
}) {
  const [state, formAction] = useActionState(registerAction, IDLE);
  useFullPageRedirect(state.redirectTo);
  const values = state.values ?? {};
  // Signed up, the link on its way (EMAIL_VERIFICATION=required): the form's work is done.
  if (state.status === "success" && state.message)
    return (
      <SignUpSent message={state.message} email={values.email} registerPath={registerPath} devOutbox={devOutbox} />
    );
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
