"use client";

import { useActionState } from "react";

import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { LocalTime, type ShownTime } from "@/components/local-time";
import { SubmitButton } from "@/components/submit-button";
import { Badge } from "@/components/ui/badge";
import { ConfirmSubmitButton } from "@/components/ui/confirm-dialog";
import { useFullPageRedirect } from "@/features/auth/client/full-page-redirect";
import { removePasskeyAction, renamePasskeyAction } from "@/features/passkeys/actions";
import { PASSKEY_NAME_MAX_LENGTH } from "@/features/passkeys/shared/schemas";
import { IDLE } from "@/lib/shared/form";

/** One passkey, as the server renders it for the list. */
export interface PasskeyRow {
  id: string;
  name: string;
  added: ShownTime;
  lastUsed: ShownTime | null;
  /** Backup eligible: a password manager or platform keeps it on the person's other devices too. */
  synced: boolean;
}

/**
 * The person's passkeys, each with a rename form and a Remove button. The Remove forms share one action state, so
 * the answer ("Passkey "…" removed.") stays above the list when its row has gone; each row keeps its own rename.
 */
export function PasskeyList({ passkeys }: { passkeys: PasskeyRow[] }) {
  const [state, formAction] = useActionState(removePasskeyAction, IDLE);
  useFullPageRedirect(state.redirectTo);
  return (
    <div className="space-y-3">
      <FormAlert error={state.formError ?? state.fieldErrors?.passkeyId} message={state.message} />
      {passkeys.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">You have no passkeys yet.</p>
      ) : (
        <ul aria-label="Your passkeys" className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {passkeys.map((passkey) => (
            <li key={passkey.id} className="space-y-3 py-3">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="space-y-1">
                  <p className="font-medium break-all">
                    {passkey.name}
                    {passkey.synced && <Badge>Synced</Badge>}
                  </p>
                  <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm text-zinc-600 dark:text-zinc-400">
                    <dt>Added</dt>
                    <dd>
                      <LocalTime {...passkey.added} />
                    </dd>
                    <dt>Last used</dt>
                    <dd>
                      {passkey.lastUsed ? (
                        <time dateTime={passkey.lastUsed.iso}>{passkey.lastUsed.text}</time>
                      ) : (
                        "Not used yet"
                      )}
                    </dd>
                  </dl>
                </div>
                <form action={formAction}>
                  <input type="hidden" name="passkeyId" value={passkey.id} />
                  <ConfirmSubmitButton
                    label="Remove"
                    pendingLabel="Removing…"
                    accessibleName={`Remove passkey ${passkey.name}`}
                    title={`Remove the passkey "${passkey.name}"?`}
                    description="It will no longer sign you in here. The device or password manager may still list it until you delete it there too."
                  />
                </form>
              </div>
              <RenameForm passkey={passkey} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function RenameForm({ passkey }: { passkey: PasskeyRow }) {
  const [state, formAction] = useActionState(renamePasskeyAction, IDLE);
  useFullPageRedirect(state.redirectTo);
  const id = `passkey-rename-${passkey.id}`;
  // Closed until asked for (a box per passkey, always open, crowded the list); open again when its answer is an
  // error, so the error shows beside what was typed. A <details>, so it opens without JavaScript too.
  return (
    <details open={state.status === "error" || undefined} className="text-sm">
      <summary
        aria-label={`Rename ${passkey.name}`}
        className="w-fit cursor-pointer rounded-md underline-offset-4 hover:underline"
      >
        Rename
      </summary>
      <RenameFields passkey={passkey} id={id} state={state} formAction={formAction} />
    </details>
  );
}

function RenameFields({
  passkey,
  id,
  state,
  formAction,
}: {
  passkey: PasskeyRow;
  id: string;
  state: Awaited<ReturnType<typeof renamePasskeyAction>>;
  formAction: (formData: FormData) => void;
}) {
  return (
    <form action={formAction} aria-label={`Rename passkey ${passkey.name}`} className="mt-2 space-y-2" noValidate>
      <FormAlert error={state.formError ?? state.fieldErrors?.passkeyId} message={state.message} />
      <input type="hidden" name="passkeyId" value={passkey.id} />
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <FormField
            // Remounts with the stored name once the rename lands, or with what was typed after an error.
            key={state.values?.name ?? passkey.name}
            id={id}
            name="name"
            label="Name"
            defaultValue={state.status === "error" ? (state.values?.name ?? passkey.name) : passkey.name}
            maxLength={PASSKEY_NAME_MAX_LENGTH}
            autoComplete="off"
            required
            error={state.fieldErrors?.name}
          />
        </div>
        <SubmitButton
          size="sm"
          variant="outline"
          label="Rename"
          pendingLabel="Renaming…"
          aria-label={`Rename passkey ${passkey.name}`}
        />
      </div>
    </form>
  );
}
