"use client";

import { useId, type ReactNode, type RefObject } from "react";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/**
 * The admin console's modal question: focus starts on Cancel (the safe choice); Cancel, Escape or the confirm
 * button close it, and whoever opened it gets focus back through `onClose`. The confirm button is a submit button
 * of `form` when given (the dialog may sit outside it), else a plain button that calls `onConfirm`.
 */
export function ConfirmDialog({
  id,
  dialog,
  cancel,
  title,
  description,
  confirmLabel,
  destructive = false,
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
          type={form ? "submit" : "button"}
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
