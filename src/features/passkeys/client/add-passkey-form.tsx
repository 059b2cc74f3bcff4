"use client";

import { browserSupportsWebAuthn, startRegistration } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/use-hydrated";
import { addPasskeyAction, passkeyRegistrationOptionsAction } from "@/features/passkeys/actions";
import { PASSKEY_MESSAGES, passkeyNameSchema } from "@/features/passkeys/shared/schemas";
import { ReauthFields } from "@/features/reauthentication/client/reauth-fields";
import { REAUTH_MESSAGES, type ReauthField, type ReauthRequirements } from "@/features/reauthentication/shared/schemas";

import { ceremonyError } from "./ceremony";

interface Answer {
  error?: string;
  message?: string;
  fieldErrors?: { name?: string } & Partial<Record<ReauthField, string>>;
}

const MUTED = "text-sm text-zinc-600 dark:text-zinc-400";

/**
 * Adds a passkey: the options (after the re-authentication: the password, and a code when two-factor is on), the
 * browser's ceremony, then the server's verification. The ceremony exists only in JavaScript, so without it the
 * section says so instead of showing a form that could only post a password into a URL.
 */
export function AddPasskeyForm({
  defaultName,
  reauth,
  verified,
}: {
  defaultName: string;
  reauth: ReauthRequirements;
  verified: boolean;
}) {
  const hydrated = useHydrated();
  const router = useRouter();
  // Bumped after a passkey is added: the name field remounts with the suggestion, the password field empty.
  const [added, setAdded] = useState(0);
  const [pending, setPending] = useState(false);
  const [answer, setAnswer] = useState<Answer>({});

  async function add(form: HTMLFormElement) {
    const data = new FormData(form);
    const name = passkeyNameSchema.safeParse(data.get("name") ?? "");
    if (!name.success) return setAnswer({ fieldErrors: { name: name.error.issues[0]!.message } });
    if (!browserSupportsWebAuthn()) return setAnswer({ error: PASSKEY_MESSAGES.unsupported });
    const options = await passkeyRegistrationOptionsAction(data);
    if (!options.ok)
      return setAnswer({ error: options.error, fieldErrors: "fieldErrors" in options ? options.fieldErrors : {} });
    let response;
    try {
      response = await startRegistration({ optionsJSON: options.options });
    } catch (error) {
      return setAnswer({ error: ceremonyError(error, PASSKEY_MESSAGES.addFailed) ?? undefined });
    }
    const result = await addPasskeyAction(JSON.stringify(response), name.data);
    if (!result.ok) return setAnswer({ error: result.error });
    setAdded((count) => count + 1);
    setAnswer({ message: result.message });
    router.refresh();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setAnswer({});
    const form = event.currentTarget;
    add(form)
      .catch(() => setAnswer({ error: PASSKEY_MESSAGES.addFailed }))
      .finally(() => setPending(false));
  }

  if (!verified) return <p className="text-sm">{REAUTH_MESSAGES.verifyFirst}</p>;
  if (!hydrated)
    return <p className={MUTED}>Adding a passkey needs JavaScript, and a browser that supports passkeys.</p>;
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <h3 className="font-semibold">Add a passkey</h3>
      <FormAlert error={answer.error} message={answer.message} />
      <FormField
        key={`name-${added}`} // back to the suggested name once a passkey is added, not the last one's
        id="passkey-add-name"
        name="name"
        label="Passkey name"
        hint="So you can tell your passkeys apart, e.g. the device or password manager that holds it."
        defaultValue={defaultName}
        maxLength={64}
        autoComplete="off"
        required
        error={answer.fieldErrors?.name}
      />
      <ReauthFields key={added} idPrefix="passkey-add" requirements={reauth} errors={answer.fieldErrors} />
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        {pending ? "Adding a passkey…" : "Add a passkey"}
      </Button>
    </form>
  );
}
