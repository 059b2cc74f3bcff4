"use client";

import { useActionState } from "react";

import { FormAlert } from "@/components/form-alert";
import { ConfirmSubmitButton } from "@/components/ui/confirm-dialog";
import { signOutUserEverywhereAction } from "@/features/admin/actions";
import { IDLE } from "@/lib/shared/form";

/** An admin ends every session of one person (their tokens and device sessions), after confirming. */
export function SignOutUserForm({ userId, name }: { userId: string; name: string }) {
  const [state, formAction] = useActionState(signOutUserEverywhereAction, IDLE);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="userId" value={userId} />
      <ConfirmSubmitButton
        label="Sign out everywhere"
        pendingLabel="Signing out…"
        title={`Sign ${name} out of every device?`}
        description={`Every session of ${name} ends at its next check: they will have to sign in again.`}
      />
      <FormAlert error={state.formError ?? state.fieldErrors?.userId} message={state.message} />
    </form>
  );
}
