"use client";

import { useSession } from "next-auth/react";
import { useActionState } from "react";

import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";
import { resendMyVerificationAction } from "@/features/email-verification/actions";
import { IDLE } from "@/lib/shared/form";

/**
 * EMAIL_VERIFICATION=optional: a signed-in person whose address is not verified yet is asked to verify it. Read
 * from the client session, so it goes away as soon as the link is opened in this browser (or, elsewhere, at the
 * session's next check).
 */
export function VerifyBanner() {
  const { data: session } = useSession();
  const [state, formAction] = useActionState(resendMyVerificationAction, IDLE);
  if (!session?.user?.id || session.user.verifiedEmail) return null;
  return (
    <section
      aria-label="Verify your email"
      className="border-b border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <form action={formAction} className="mx-auto flex max-w-3xl flex-wrap items-center gap-3 px-4 py-2 text-sm">
        <p>Please verify your email: open the link we sent to {session.user.email}.</p>
        <SubmitButton label="Send a new link" pendingLabel="Sending…" variant="outline" size="sm" />
        <FormAlert error={state.formError} message={state.message} />
      </form>
    </section>
  );
}
