"use client";

import { useActionState } from "react";

import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";
import { Select } from "@/components/ui/input";
import { ROLES, type Role } from "@/config/roles";
import { changeRoleAction } from "@/features/admin/actions";
import { IDLE } from "@/lib/shared/form";

export function RoleForm({ userId, name, role }: { userId: string; name: string; role: Role }) {
  const [state, formAction] = useActionState(changeRoleAction, IDLE);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <Select name="role" defaultValue={role} aria-label={`Role of ${name}`}>
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </Select>
      <SubmitButton size="sm" label="Save role" pendingLabel="Saving…" />
      <FormAlert
        error={state.formError ?? state.fieldErrors?.role ?? state.fieldErrors?.userId}
        message={state.message}
      />
    </form>
  );
}
