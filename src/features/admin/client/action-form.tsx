"use client";

import { useActionState, useRef, type MouseEvent } from "react";

import { FormAlert } from "@/components/form-alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { IDLE } from "@/lib/shared/form";

import type { AccountAction } from "./account-actions";

/** The form of `action` on the account `userId`: its button, wherever it is drawn, names it (form="…"). */
export const actionFormId = (userId: string, action: Pick<AccountAction, "key">): string =>
  `admin-${action.key}-${userId}`;

const dialogIdOf = (formId: string) => `${formId}-dialog`;

/**
 * The click handler of an action's button: for an action that asks first, opens its question instead of
 * submitting. It exists once React runs; before that, and without JavaScript, the button submits the form as it
 * is, and the server's own checks stand.
 */
export function askFirst(event: MouseEvent<HTMLButtonElement>, action: AccountAction, formId: string): void {
  if (!action.confirm) return;
  const dialog = document.getElementById(dialogIdOf(formId));
  if (!(dialog instanceof HTMLDialogElement)) return;
  event.preventDefault();
  dialog.showModal();
  dialog.querySelector("button")?.focus(); // Cancel, the safe choice
}

/**
 * One account action's form — the account's id, the question it asks first, and its answer — apart from its
 * button, so the button can sit in a menu while the answer stays in the row. Focus goes back to `returnFocusTo`
 * (an element id) when the question closes.
 */
export function ActionForm({
  userId,
  action,
  returnFocusTo,
}: {
  userId: string;
  action: AccountAction;
  returnFocusTo: string;
}) {
  const [state, formAction] = useActionState(action.action, IDLE);
  const formId = actionFormId(userId, action);
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  return (
    <>
      <form id={formId} action={formAction} className="hidden">
        <input type="hidden" name="userId" value={userId} />
      </form>
      {action.confirm && (
        <ConfirmDialog
          id={dialogIdOf(formId)}
          dialog={dialog}
          cancel={cancel}
          form={formId}
          title={action.confirm.title}
          description={action.confirm.description}
          confirmLabel={action.confirm.confirmLabel}
          destructive={action.confirm.destructive}
          onClose={() => document.getElementById(returnFocusTo)?.focus()}
        />
      )}
      <FormAlert error={state.formError ?? state.fieldErrors?.userId} message={state.message} />
    </>
  );
}
