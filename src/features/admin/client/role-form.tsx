"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";
import { IDLE } from "@/lib/form";
import { ROLES, type Role } from "@/config/roles";
import { changeRoleAction } from "@/features/admin/actions";

export function RoleForm({ userId, name, role }: { userId: string; name: string; role: Role }) {
  const [state, formAction] = useActionState(changeRoleAction, IDLE);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <select name="role" defaultValue={role} aria-label={`Role of ${name}`} className="rounded-md border border-zinc-300 bg-transparent px-2 py-1 dark:border-zinc-700">
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      <SubmitButton label="Save role" pendingLabel="Saving…" />
      <FormAlert error={state.formError ?? state.fieldErrors?.role ?? state.fieldErrors?.userId} message={state.message} />
    </form>
  );
}
