"use client";

import { useActionState } from "react";

import { EmailField } from "@/components/email-field";
import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";
import { ReauthFields } from "@/features/reauthentication/client/reauth-fields";
import { REAUTH_MESSAGES, type ReauthRequirements } from "@/features/reauthentication/shared/schemas";
import { changeEmailAction } from "@/features/settings/actions";
import { IDLE } from "@/lib/shared/form";

/**
 * The Email section: the address the account has now, and the request to move it. The change itself happens
 * when the link mailed to the new address is opened (/verify-email). An address not proven yet cannot be moved:
 * the account may not be its owner's.
 */
export function ChangeEmailForm({
  currentEmail,
  verified,
  reauth,
}: {
  currentEmail: string;
  verified: boolean;
  reauth: ReauthRequirements;
}) {
  const [state, formAction] = useActionState(changeEmailAction, IDLE);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <h2 className="text-lg font-semibold">Email</h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Your email is <span className="font-medium text-zinc-900 dark:text-zinc-100">{currentEmail}</span>. To change
        it, we send a link to the new address; your email changes when you open it.
      </p>
      {verified ? (
        <>
          <FormAlert error={state.formError} message={state.message} />
          <EmailField
            name="newEmail"
            label="New email"
            typed={state.values?.newEmail}
            error={state.fieldErrors?.newEmail}
          />
          <ReauthFields idPrefix="change-email" requirements={reauth} errors={state.fieldErrors} />
          <SubmitButton label="Send confirmation link" pendingLabel="Sending…" />
        </>
      ) : (
        <p className="text-sm">{REAUTH_MESSAGES.verifyFirst}</p>
      )}
    </form>
  );
}
