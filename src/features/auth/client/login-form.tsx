"use client";

import Link from "next/link";
import { useActionState } from "react";

import { EmailField } from "@/components/email-field";
import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";
import { pathReturningTo, ROUTES } from "@/config/routes";
import { signInAction } from "@/features/auth/actions/sign-in";
import { PasskeySignInButton, usePasskeySignIn } from "@/features/passkeys/client/passkey-sign-in";
import { IDLE } from "@/lib/shared/form";

import { ClientNavigationField, useFullPageRedirect } from "./full-page-redirect";
import { PasswordField } from "./password-field";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction] = useActionState(signInAction, IDLE);
  useFullPageRedirect(state.redirectTo);
  const passkey = usePasskeySignIn(callbackUrl);
  return (
    // A password sign-in clears what the passkey's said; a passkey's error shows in the same alert region.
    <form action={formAction} onSubmit={passkey.clearError} className="space-y-4" noValidate>
      <FormAlert error={passkey.error ?? state.formError} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <ClientNavigationField />
      <EmailField typed={state.values?.email} error={state.fieldErrors?.email} autoComplete="username webauthn" />
      <PasswordField
        name="password"
        label="Password"
        autoComplete="current-password"
        error={state.fieldErrors?.password}
      />
      <p className="text-sm">
        <Link href={ROUTES.forgotPassword.path} className="underline">
          Forgot password?
        </Link>
      </p>
      <div className="flex items-center justify-between">
        <SubmitButton label="Sign in" pendingLabel="Signing in…" />
        <Link href={pathReturningTo(ROUTES.register.path, callbackUrl)} className="text-sm underline">
          Create an account
        </Link>
      </div>
      <PasskeySignInButton pending={passkey.pending} onClick={passkey.signIn} />
    </form>
  );
}
