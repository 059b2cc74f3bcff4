import type { ReactNode } from "react";

/** The ids of a field's messages, and the attributes that tie its control to them for screen readers. */
export function fieldAria(id: string, { error, hint, more = [] }: { error?: string; hint?: string; more?: string[] }) {
  const ids = { error: `${id}-error`, hint: `${id}-hint` };
  const describedBy = [error ? ids.error : undefined, hint ? ids.hint : undefined, ...more].filter(Boolean).join(" ");
  return {
    ids,
    control: { "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined },
  } as const;
}

/** Help under a field. The muted colour keeps a 4.5:1 contrast in light and in dark mode. */
export function FieldHint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="text-xs text-zinc-600 dark:text-zinc-400">
      {children}
    </p>
  );
}

export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="text-sm text-red-700 dark:text-red-400">
      {children}
    </p>
  );
}

interface FieldProps {
  /** The control's id, which the label points at. */
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** The control (wired with fieldAria), with anything that sits beside it. */
  children: ReactNode;
  /** Live messages between the hint and the error (a password's strength). */
  status?: ReactNode;
}

/** A visible label, the control, then its hint and error, in that order for every form. */
export function Field({ id, label, hint, error, children, status }: FieldProps) {
  const { ids } = fieldAria(id, { error, hint });
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint && <FieldHint id={ids.hint}>{hint}</FieldHint>}
      {status}
      {error && <FieldError id={ids.error}>{error}</FieldError>}
    </div>
  );
}
