"use client";

import Link from "next/link";
import { useActionState } from "react";

import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { SubmitButton } from "@/components/submit-button";
import { pathReturningTo, ROUTES } from "@/config/routes";
import { ClientNavigationField, useFullPageRedirect } from "@/features/auth/client/full-page-redirect";
import { verifyRecoveryCodeAction, verifyTotpAction } from "@/features/two-factor/actions";
import { TOTP_CODE_LENGTH } from "@/features/two-factor/shared/codes";
import { IDLE } from "@/lib/shared/form";

/**
 * Sign-in's second step: a code from the authenticator app, or (`recovery`) one of the recovery codes. The two
 * are separate pages (`?recovery=1`), switched by a link, so neither needs JavaScript.
 */
export function TwoFactorForm({ callbackUrl, recovery }: { callbackUrl: string; recovery: boolean }) {
  return (
    <div className="space-y-6">
      {recovery ? <RecoveryCodeForm callbackUrl={callbackUrl} /> : <TotpForm callbackUrl={callbackUrl} />}
      <p className="text-sm">
        <Link href={pathReturningTo(ROUTES.signIn.path, callbackUrl)} className="underline">
          Cancel and sign in again
        </Link>
      </p>
    </div>
  );
}

function TotpForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction] = useActionState(verifyTotpAction, IDLE);
  useFullPageRedirect(state.redirectTo);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Enter the {TOTP_CODE_LENGTH}-digit code your authenticator app shows for this account.
      </p>
      <FormAlert error={state.formError} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <ClientNavigationField />
      <FormField
        id="two-factor-code"
        name="code"
        label="Authentication code"
        autoComplete="one-time-code"
        inputMode="numeric"
        autoCapitalize="off"
        spellCheck={false}
        required
        // The one thing to do on this page, reached straight from the password: the cursor waits in the field.
        autoFocus
        error={state.fieldErrors?.code}
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SubmitButton label="Verify" pendingLabel="Verifying…" />
        <Link
          href={pathReturningTo(ROUTES.twoFactor.path, callbackUrl, { recovery: "1" })}
          className="text-sm underline"
        >
          Use a recovery code
        </Link>
      </div>
    </form>
  );
}

function RecoveryCodeForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction] = useActionState(verifyRecoveryCodeAction, IDLE);
  useFullPageRedirect(state.redirectTo);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Enter one of the recovery codes you saved when you turned on two-factor authentication. Each code works once.
      </p>
      <FormAlert error={state.formError} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <ClientNavigationField />
      <FormField
        id="two-factor-recovery-code"
        name="recoveryCode"
        label="Recovery code"
        // Not a password and not a one-time code the browser could fill in: nothing to suggest or remember.
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        required
        autoFocus
        error={state.fieldErrors?.recoveryCode}
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SubmitButton label="Verify" pendingLabel="Verifying…" />
        <Link href={pathReturningTo(ROUTES.twoFactor.path, callbackUrl)} className="text-sm underline">
          Use your authenticator app
        </Link>
      </div>
    </form>
  );
}
