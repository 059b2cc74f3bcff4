"use client";

import { useSession } from "next-auth/react";
import { useActionState, useEffect, useRef } from "react";

import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { SubmitButton } from "@/components/submit-button";
import { saveProfileAction } from "@/features/profile/actions";
import {
  PROFILE_FIELD_NAMES,
  PROFILE_FIELDS,
  profileFormValues,
  type ProfileInput,
} from "@/features/profile/shared/schemas";
import { IDLE } from "@/lib/shared/form";

export function ProfileForm(profile: ProfileInput) {
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

  const values = state.values ?? profileFormValues(profile);
  // Remount the inputs with what the server echoed back, so a failed submit keeps what was typed.
  const echo = JSON.stringify(values);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormAlert error={state.formError} message={state.message} />
      {PROFILE_FIELD_NAMES.map((name) => (
        <FormField
          key={`${name}-${echo}`}
          name={name}
          {...PROFILE_FIELDS[name].look}
          defaultValue={values[name]}
          error={state.fieldErrors?.[name]}
        />
      ))}
      <SubmitButton label="Save" pendingLabel="Saving…" />
    </form>
  );
}
