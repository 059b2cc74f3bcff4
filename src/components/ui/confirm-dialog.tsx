"use client";

import { useId, useRef, type MouseEvent, type ReactNode, type RefObject } from "react";

import { SubmitButton } from "@/components/submit-button";

import { Button } from "./button";
import { cn } from "./cn";

interface ConfirmSubmitProps {
  label: string;
  pendingLabel: string;
  /** The dialog's question, and what happens if the person goes on. */
  title: string;
  description: string;
  /** The dialog's own submit button; the trigger's label unless said otherwise. */
  confirmLabel?: string;
  /** The trigger's name for a screen reader, when a list repeats its label ("Remove passkey Work laptop"). */
  accessibleName?: string;
  /** The trigger's look: red for what cannot be undone, quieter for a replacement that asks first anyway. */
  variant?: "destructive" | "outline";
}

/**
 * A destructive form's submit button that asks first, in a modal alert dialog: focus moves to Cancel (the safe
 * choice), Escape or Cancel closes it and focus returns to the button; the confirm button submits the form.
 *
 * The question is asked only once React has hydrated, because the click handler that opens it exists only then.
 * Before that, and without JavaScript, the button submits the form as it is — the forms keep working, and the
 * destructive ones still ask for whatever the server requires (a password).
 */
export function ConfirmSubmitButton({
  label,
  pendingLabel,
  title,
  description,
  confirmLabel = label,
  accessibleName,
  variant = "destructive",
}: ConfirmSubmitProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  function ask(event: MouseEvent<HTMLButtonElement>) {
    // Also reached by pressing Enter in one of the form's fields: the browser clicks the form's first submit
    // button, which is this one.
    event.preventDefault();
    dialog.current?.showModal();
    cancel.current?.focus();
  }

  return (
    <>
      <SubmitButton
        ref={trigger}
        variant={variant}
        label={label}
        pendingLabel={pendingLabel}
        aria-label={accessibleName}
        onClick={ask}
      />
      {/* Inside the form, so its confirm button submits it (with every field) and sees its pending state. */}
      <ConfirmDialog
        dialog={dialog}
        cancel={cancel}
        title={title}
        description={description}
        confirmLabel={confirmLabel}
        destructive={variant === "destructive"}
        submit
        onClose={() => trigger.current?.focus()}
      />
    </>
  );
}

/**
 * A modal question: focus starts on Cancel (the safe choice); Cancel, Escape or the confirm button close it, and
 * whoever opened it gets focus back through `onClose`. The confirm button submits the form the dialog sits in
 * (`submit`) or the form named `form` (the dialog may sit outside it); else it is a plain button that calls
 * `onConfirm`.
 */
export function ConfirmDialog({
  id,
  dialog,
  cancel,
  title,
  description,
  confirmLabel,
  destructive = false,
  submit = false,
  form,
  onConfirm,
  onClose,
}: {
  id?: string;
  dialog: RefObject<HTMLDialogElement | null>;
  cancel: RefObject<HTMLButtonElement | null>;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  destructive?: boolean;
  submit?: boolean;
  form?: string;
  onConfirm?: () => void;
  onClose?: () => void;
}) {
  const titleId = useId();
  const descriptionId = useId();
  return (
    <dialog
      id={id}
      ref={dialog}
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onClose={onClose}
      className={cn(
        // Tailwind's reset zeroes every margin, the one that centres a modal dialog included.
        "m-auto w-full max-w-sm space-y-4 rounded-lg border border-zinc-200 bg-white p-6 text-left text-zinc-900 shadow-xl",
        "backdrop:bg-black/50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100",
      )}
    >
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      <p id={descriptionId} className="text-sm text-zinc-600 dark:text-zinc-400">
        {description}
      </p>
      <div className="flex justify-end gap-2">
        <Button ref={cancel} variant="outline" onClick={() => dialog.current?.close("cancel")}>
          Cancel
        </Button>
        <Button
          type={submit || form ? "submit" : "button"}
          form={form}
          variant={destructive ? "destructive" : "primary"}
          onClick={() => {
            dialog.current?.close("confirm");
            onConfirm?.();
          }}
        >
          {confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}
