"use client";

import { useSession } from "next-auth/react";
import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";

import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";
import { HOME_AFTER_SIGN_IN, SIGN_IN_PATH, signInPath } from "@/config/routes";
import { openEmailLinkAction } from "@/features/email-verification/actions";
import { IDLE } from "@/lib/shared/form";

import { ResendVerificationForm } from "./resend-verification-form";

/**
 * The link's own form. It submits itself as soon as the page runs, so opening the link is enough; but a GET
 * alone spends nothing — mail scanners that fetch every link they see would otherwise use it up before the
 * person does. Without JavaScript, the button does the same.
 */
export function OpenLinkForm({ token, callbackUrl }: { token: string; callbackUrl: string }) {
  const [state, formAction] = useActionState(openEmailLinkAction, IDLE);
  const { update } = useSession();
  const form = useRef<HTMLFormElement>(null);
  const submitted = useRef(false);

  useEffect(() => {
    if (submitted.current) return;
    submitted.current = true;
    form.current?.requestSubmit();
  }, []);

  useEffect(() => {
    // The action refreshed this browser's cookie when it is signed in as that person: show it now, here and in
    // the other tabs (no database query).
    if (state.status === "success") void update();
  }, [state, update]);

  if (state.status === "success")
    return (
      <div className="space-y-4">
        <FormAlert message={state.message} />
        <p className="text-sm">
          <Link
            href={callbackUrl === HOME_AFTER_SIGN_IN ? SIGN_IN_PATH : signInPath(callbackUrl)}
            className="underline"
          >
            Continue
          </Link>
        </p>
      </div>
    );
  if (state.status === "error")
    return (
      <div className="space-y-6">
        {/* A token of the wrong shape fails the schema (a field error); a used or unknown one, the lookup. */}
        <FormAlert error={state.formError ?? state.fieldErrors?.token} />
        <ResendVerificationForm />
      </div>
    );
  return (
    <form ref={form} action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Confirm the address this link was sent to.</p>
      <SubmitButton label="Verify email" pendingLabel="Verifying…" />
    </form>
  );
}
