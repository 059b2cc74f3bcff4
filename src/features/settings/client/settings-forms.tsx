"use client";

import { useActionState } from "react";

import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";
import { ConfirmSubmitButton } from "@/components/ui/confirm-dialog";
import { ClientNavigationField, useFullPageRedirect } from "@/features/auth/client/full-page-redirect";
import { NewPasswordField } from "@/features/auth/client/password-field";
import { ReauthFields } from "@/features/reauthentication/client/reauth-fields";
import type { ReauthRequirements } from "@/features/reauthentication/shared/schemas";
import { changePasswordAction, deleteAccountAction, signOutEverywhereAction } from "@/features/settings/actions";
import { IDLE } from "@/lib/shared/form";

export function ChangePasswordForm({
  passwordMinLength,
  justChanged,
  reauth,
}: {
  passwordMinLength: number;
  justChanged: boolean;
  reauth: ReauthRequirements;
}) {
  const [state, formAction] = useActionState(changePasswordAction, IDLE);
  const message =
    state.status === "idle" && justChanged
      ? "Password changed. Your other devices have been signed out."
      : state.message;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <h2 className="text-lg font-semibold">Password</h2>
      <FormAlert error={state.formError} message={message} />
      <ReauthFields idPrefix="password" requirements={reauth} errors={state.fieldErrors} />
      <NewPasswordField minLength={passwordMinLength} error={state.fieldErrors?.newPassword} />
      <SubmitButton label="Change password" pendingLabel="Changing password…" />
    </form>
  );
}

export function SignOutEverywhereForm() {
  const [state, formAction] = useActionState(signOutEverywhereAction, IDLE);
  useFullPageRedirect(state.redirectTo);
  return (
    <form action={formAction} className="space-y-3">
      {/* A part of the Devices section (src/features/devices/server/devices-section.tsx). */}
      <h3 className="font-semibold">Sign out of all devices</h3>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Ends every session of your account, this one included.</p>
      <ClientNavigationField />
      <ConfirmSubmitButton
        label="Sign out of all devices"
        pendingLabel="Signing out everywhere…"
        title="Sign out of all devices?"
        description="Every browser signed in to your account will be signed out, this one included."
      />
    </form>
  );
}

export function DeleteAccountForm({ reauth }: { reauth: ReauthRequirements }) {
  const [state, formAction] = useActionState(deleteAccountAction, IDLE);
  useFullPageRedirect(state.redirectTo);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <h2 className="text-lg font-semibold">Delete account</h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        This removes your account for good. Confirm it&apos;s you to go on.
      </p>
      <FormAlert error={state.formError} />
      <ClientNavigationField />
      <ReauthFields idPrefix="delete-account" requirements={reauth} errors={state.fieldErrors} />
      <ConfirmSubmitButton
        label="Delete account"
        pendingLabel="Deleting account…"
        title="Delete your account?"
        description="Your account and everything in it will be removed for good. This cannot be undone."
      />
    </form>
  );
}
