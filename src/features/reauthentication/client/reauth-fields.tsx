"use client";

import { browserSupportsWebAuthn, startAuthentication } from "@simplewebauthn/browser";
import { useEffect, useRef, useState } from "react";

import { FormField } from "@/components/form-field";
import { FieldError, FieldHint } from "@/components/ui/field";
import { CurrentPasswordField } from "@/features/auth/client/password-field";
import { ceremonyError } from "@/features/passkeys/client/ceremony";
import { PASSKEY_MESSAGES } from "@/features/passkeys/shared/schemas";
import { reauthPasskeyOptionsAction } from "@/features/reauthentication/actions";
import { REAUTH_MESSAGES, type ReauthField, type ReauthRequirements } from "@/features/reauthentication/shared/schemas";

/**
 * The re-authentication a sensitive form asks for, as the account needs it: the current password and, with
 * two-factor on, an authentication code — or, for an account without a password, one of its passkeys. The server
 * decides what counts (src/features/reauthentication/server/reauthenticate.ts); these are only its fields.
 * `idPrefix` keeps ids unique on a page with several such forms.
 */
export function ReauthFields({
  idPrefix,
  requirements,
  errors,
}: {
  idPrefix: string;
  requirements: ReauthRequirements;
  errors: Partial<Record<ReauthField, string>> | undefined;
}) {
  if (!requirements.password) return <PasskeyProof id={`${idPrefix}-passkey`} error={errors?.passkeyAssertion} />;
  return (
    <>
      <CurrentPasswordField id={`${idPrefix}-current-password`} error={errors?.currentPassword} />
      {requirements.code && (
        <FormField
          id={`${idPrefix}-reauth-code`}
          name="reauthCode"
          label="Authentication code"
          hint="From your authenticator app, or one of your recovery codes."
          autoComplete="one-time-code"
          autoCapitalize="off"
          spellCheck={false}
          required
          error={errors?.reauthCode}
        />
      )}
    </>
  );
}

/**
 * For an account without a password: when its form is sent, the browser first asks for one of the account's
 * passkeys, and the signed answer goes with the form (one answer per submission: the challenge works once).
 */
function PasskeyProof({ id, error }: { id: string; error: string | undefined }) {
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const field = input.current;
    const form = field?.form;
    if (!field || !form) return;
    async function prove(submitter: HTMLElement | null) {
      if (!browserSupportsWebAuthn()) return setProblem(PASSKEY_MESSAGES.unsupported);
      const options = await reauthPasskeyOptionsAction();
      if (!options.ok) return setProblem(options.error);
      try {
        const response = await startAuthentication({ optionsJSON: options.options });
        field!.value = JSON.stringify(response);
        form!.requestSubmit(submitter);
      } catch (caught) {
        setProblem(ceremonyError(caught, REAUTH_MESSAGES.passkeyRefused));
      }
    }
    function onSubmit(event: SubmitEvent) {
      // This submission carries an answer: React reads the form in this same event. The next one needs a new one.
      if (field!.value) return void setTimeout(() => (field!.value = ""));
      event.preventDefault();
      setProblem(null);
      void prove(event.submitter);
    }
    form.addEventListener("submit", onSubmit);
    return () => form.removeEventListener("submit", onSubmit);
  }, []);

  const message = error ?? problem;
  return (
    <div className="space-y-1">
      <input ref={input} type="hidden" name="passkeyAssertion" />
      <FieldHint id={`${id}-hint`}>
        Your account has no password: when you continue, your browser asks for one of your passkeys to confirm it&apos;s
        you.
      </FieldHint>
      {message && <FieldError id={`${id}-error`}>{message}</FieldError>}
    </div>
  );
}
