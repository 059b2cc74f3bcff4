"use client";

import Link from "next/link";
import { useActionState } from "react";

import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";
import { ROUTES } from "@/config/routes";
import { cancelEmailChangeAction } from "@/features/email-verification/actions";
import { IDLE } from "@/lib/shared/form";

/**
 * The cancel link's form: a button, not an automatic submit — a mail scanner that fetches the link (or runs its
 * page) cancels nothing. After it, the way on is a password reset: whoever asked for the change knew the password.
 */
export function CancelEmailChangeForm({ token }: { token: string }) {
  const [state, formAction] = useActionState(cancelEmailChangeAction, IDLE);
  const done = state.status === "success";
  return (
    <div className="space-y-4">
      <FormAlert error={state.formError ?? state.fieldErrors?.token} message={state.message} />
      {!done && state.status !== "error" && (
        <form action={formAction} className="space-y-4">
          <input type="hidden" name="token" value={token} />
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Someone asked to move your account to another email. Cancel it, and that address&apos;s link stops working.
          </p>
          <SubmitButton label="Cancel the change" pendingLabel="Cancelling…" />
        </form>
      )}
      {state.status !== "idle" && (
        <p className="text-sm">
          <Link href={ROUTES.forgotPassword.path} className="underline">
            Reset your password
          </Link>
        </p>
      )}
    </div>
  );
}
