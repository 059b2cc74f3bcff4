"use client";

import Link from "next/link";
import { useActionState } from "react";

import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";
import { ROUTES } from "@/config/routes";
import { ClientNavigationField, useFullPageRedirect } from "@/features/auth/client/full-page-redirect";
import { NewPasswordField, PasswordField } from "@/features/auth/client/password-field";
import { INVALID_LINK } from "@/features/mail/shared/link-token";
import { resetPasswordAction } from "@/features/password-reset/actions";
import { IDLE } from "@/lib/shared/form";

/** A used, expired, unknown or tampered link: one answer, and the way to a new one. */
export function InvalidResetLink() {
  return (
    <>
      <FormAlert error={INVALID_LINK} />
      <p className="text-sm">
        <Link href={ROUTES.forgotPassword.path} className="underline">
          Get a new link
        </Link>
      </p>
    </>
  );
}

/**
 * The reset link's form: the new password, twice. Success goes to the sign-in page with a full page load (every
 * session of the account, this browser's too, has ended); without JavaScript the action redirects itself.
 *
 * `usable` is the page's peek at the link. It is false again as soon as the reset spent the link — and the page
 * re-renders when the action signs this browser out — so a success keeps this component (and its redirect) here.
 */
export function ResetPasswordForm({
  token,
  usable,
  passwordMinLength,
}: {
  token: string;
  usable: boolean;
  passwordMinLength: number;
}) {
  const [state, formAction] = useActionState(resetPasswordAction, IDLE);
  useFullPageRedirect(state.redirectTo);
  if (state.status === "success") return <p className="text-sm">Password changed. Taking you to sign in…</p>;
  if (!usable || state.formError === INVALID_LINK) return <InvalidResetLink />;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormAlert error={state.formError} />
      <input type="hidden" name="token" value={token} />
      <ClientNavigationField />
      <NewPasswordField minLength={passwordMinLength} error={state.fieldErrors?.newPassword} />
      <PasswordField
        name="confirmNewPassword"
        label="Confirm new password"
        autoComplete="new-password"
        error={state.fieldErrors?.confirmNewPassword}
      />
      <SubmitButton label="Set new password" pendingLabel="Setting password…" />
    </form>
  );
}
