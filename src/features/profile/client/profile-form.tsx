"use client";

import { useSession } from "next-auth/react";
import { useActionState, useEffect, useRef } from "react";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { SubmitButton } from "@/components/submit-button";
import { NAME_MAX_LENGTH } from "@/features/auth/shared/schemas";
import { IDLE } from "@/lib/form";
import { saveProfileAction } from "@/features/profile/actions";
import { IMAGE_URL_MAX_LENGTH } from "@/features/profile/shared/schemas";

export function ProfileForm({ name, image }: { name: string; image: string | null }) {
  const [state, formAction] = useActionState(saveProfileAction, IDLE);
  const { update } = useSession();
  const handled = useRef(state);

  useEffect(() => {
    if (state === handled.current) return;
    handled.current = state;
    // The action already refreshed the cookie; re-read it (no database query) so the navbar re-renders now, and
    // next-auth tells the other open tabs to do the same.
    if (state.status === "success") void update();
  }, [state, update]);

  const values = state.values ?? { name, image: image ?? "" };
  const echo = JSON.stringify(values);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormAlert error={state.formError} message={state.message} />
      <FormField key={`name-${echo}`} name="name" label="Name" autoComplete="name" required maxLength={NAME_MAX_LENGTH} defaultValue={values.name} error={state.fieldErrors?.name} />
      <FormField
        key={`image-${echo}`}
        name="image"
        label="Image URL"
        type="url"
        inputMode="url"
        placeholder="https://…"
        maxLength={IMAGE_URL_MAX_LENGTH}
        defaultValue={values.image}
        hint="An https:// link to a square picture. Leave it empty to show your initials."
        error={state.fieldErrors?.image}
      />
      <SubmitButton label="Save" pendingLabel="Saving…" />
    </form>
  );
}
