"use client";

import { useActionState, useRef, useState, type ChangeEvent } from "react";

import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Select } from "@/components/ui/input";
import { useHydrated } from "@/components/use-hydrated";
import { ROLES, type Role } from "@/config/roles";
import { changeRoleAction } from "@/features/admin/actions";
import { IDLE } from "@/lib/shared/form";

/**
 * A person's role, saved as soon as it is chosen — after "Make X an admin?" when it grants admin, the one change
 * that hands over the console. Without JavaScript (and until React has hydrated) it is a plain form with a
 * **Save role** button, which works the same.
 */
export function RoleSelect({ userId, name, role }: { userId: string; name: string; role: Role }) {
  const [state, formAction, pending] = useActionState(changeRoleAction, IDLE);
  const hydrated = useHydrated();
  const [value, setValue] = useState<Role>(role);
  const form = useRef<HTMLFormElement>(null);
  const select = useRef<HTMLSelectElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  // After each save or refusal (and when the page re-renders with the stored role), show what is stored.
  const [shown, setShown] = useState({ role, state });
  if (shown.role !== role || shown.state !== state) {
    setShown({ role, state });
    setValue(role);
  }

  function choose(event: ChangeEvent<HTMLSelectElement>) {
    const chosen = event.target.value as Role;
    setValue(chosen);
    if (!hydrated) return; // the Save button submits it
    if (chosen === "admin" && dialog.current) {
      dialog.current.returnValue = "";
      dialog.current.showModal();
      cancel.current?.focus();
    } else {
      form.current?.requestSubmit();
    }
  }

  return (
    <form ref={form} action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <Select
        ref={select}
        name="role"
        value={value}
        onChange={choose}
        disabled={pending}
        aria-label={`Role of ${name}`}
        className="w-auto"
      >
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </Select>
      {!hydrated && <SubmitButton size="sm" label="Save role" pendingLabel="Saving…" />}
      {hydrated && (
        <ConfirmDialog
          dialog={dialog}
          cancel={cancel}
          title={`Make ${name} an admin?`}
          description={`${name} will see every account here and may change roles, sign people out, disable and delete accounts.`}
          confirmLabel="Make admin"
          onConfirm={() => form.current?.requestSubmit()}
          onClose={() => {
            if (dialog.current?.returnValue !== "confirm") setValue(role);
            select.current?.focus();
          }}
        />
      )}
      <FormAlert
        error={state.formError ?? state.fieldErrors?.role ?? state.fieldErrors?.userId}
        message={state.message}
      />
    </form>
  );
}
