"use client";

import { useState } from "react";
import { strengthLabel } from "@/features/auth/shared/password-strength";

interface PasswordFieldProps {
  name: string;
  label: string;
  autoComplete: "current-password" | "new-password";
  error?: string;
  hint?: string;
  minLength?: number;
  /** Show a strength estimate while typing (new passwords). */
  showStrength?: boolean;
}

/**
 * A password input people can reveal to check what they typed (paste is never blocked), with an optional
 * strength hint. Its error and hints are tied to it by aria-describedby.
 */
export function PasswordField({ name, label, autoComplete, error, hint, minLength, showStrength = false }: PasswordFieldProps) {
  const [revealed, setRevealed] = useState(false);
  const [strength, setStrength] = useState<string | null>(null);
  const ids = { error: `${name}-error`, hint: `${name}-hint`, strength: `${name}-strength` };
  const describedBy = [error && ids.error, hint && ids.hint, showStrength && strength && ids.strength].filter(Boolean).join(" ") || undefined;

  function onInput(value: string) {
    if (!showStrength) return;
    if (!value) return setStrength(null);
    strengthLabel(value).then(setStrength, () => setStrength(null));
  }

  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={name}
          name={name}
          type={revealed ? "text" : "password"}
          autoComplete={autoComplete}
          required
          minLength={minLength}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onInput(event.target.value)}
          className="w-full rounded-md border border-zinc-300 bg-transparent px-3 py-2 aria-[invalid=true]:border-red-600 dark:border-zinc-700"
        />
        <button
          type="button"
          onClick={() => setRevealed((shown) => !shown)}
          aria-pressed={revealed}
          aria-controls={name}
          className="rounded-md border border-zinc-300 px-3 text-sm dark:border-zinc-700"
        >
          {revealed ? `Hide ${label.toLowerCase()}` : `Show ${label.toLowerCase()}`}
        </button>
      </div>
      {hint && (
        <p id={ids.hint} className="text-xs text-zinc-500">
          {hint}
        </p>
      )}
      {showStrength && strength && (
        <p id={ids.strength} className="text-xs text-zinc-600 dark:text-zinc-400" aria-live="polite">
          Strength: {strength}
        </p>
      )}
      {error && (
        <p id={ids.error} className="text-sm text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
