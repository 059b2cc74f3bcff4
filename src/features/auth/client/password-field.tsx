"use client";

import { Eye, EyeOff } from "lucide-react";
import { useEffect, useRef, useState } from "react";

import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { strengthLabel } from "@/features/auth/shared/password-strength";

interface PasswordFieldProps {
  name: string;
  /** The input's id, when two forms on one page have a field of the same name (default: the name). */
  id?: string;
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
export function PasswordField({
  name,
  id = name,
  label,
  autoComplete,
  error,
  hint,
  minLength,
  showStrength = false,
}: PasswordFieldProps) {
  const [revealed, setRevealed] = useState(false);
  const [strength, setStrength] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const strengthId = `${id}-strength`;
  const aria = fieldAria(id, { error, hint, more: showStrength && strength ? [strengthId] : [] });

  // The hint follows the field's value, not only its keystrokes: a form emptied after its action succeeds (React
  // resets it with form.reset(), which fires no input event) must not keep "Strength: Very weak" under an empty field.
  useEffect(() => {
    const form = input.current?.form;
    if (!showStrength || !form) return;
    const clear = () => setStrength(null);
    form.addEventListener("reset", clear);
    return () => form.removeEventListener("reset", clear);
  }, [showStrength]);

  function onInput(value: string) {
    if (!showStrength) return;
    if (!value) return setStrength(null);
    // The estimate is asynchronous (its dictionaries load on the first keystroke): one that arrives after the field
    // changed again describes a password no longer there, and is dropped.
    strengthLabel(value).then(
      (label) => {
        if (input.current?.value === value) setStrength(label);
      },
      () => setStrength(null),
    );
  }

  const status = showStrength && strength && (
    <p id={strengthId} className="text-xs text-zinc-600 dark:text-zinc-400" aria-live="polite">
      Strength: {strength}
    </p>
  );

  return (
    <Field id={id} label={label} hint={hint} error={error} status={status}>
      <div className="flex items-center gap-2">
        <Input
          ref={input}
          id={id}
          name={name}
          type={revealed ? "text" : "password"}
          autoComplete={autoComplete}
          required
          minLength={minLength}
          onChange={(event) => onInput(event.target.value)}
          {...aria.control}
        />
        {/* A toggle: its name stays "Show …" and aria-pressed says whether it is on. The name is text (hidden
            from sight), not aria-label, so a lookup of the field by its label finds the input alone. */}
        <Button
          variant="outline"
          size="icon"
          onClick={() => setRevealed((shown) => !shown)}
          aria-pressed={revealed}
          aria-controls={id}
        >
          {revealed ? <EyeOff aria-hidden="true" className="size-4" /> : <Eye aria-hidden="true" className="size-4" />}
          <span className="sr-only">Show {label.toLowerCase()}</span>
        </Button>
      </div>
    </Field>
  );
}

/**
 * A new password, wherever one is chosen (sign-up, settings, reset): the minimum length said up front, and the
 * strength estimate while typing. The rules themselves are the server's (newPasswordSchema).
 */
export function NewPasswordField({
  name = "newPassword",
  label = "New password",
  minLength,
  error,
}: {
  name?: string;
  label?: string;
  minLength: number;
  error: string | undefined;
}) {
  return (
    <PasswordField
      name={name}
      label={label}
      autoComplete="new-password"
      minLength={minLength}
      showStrength
      hint={`At least ${minLength} characters. A few unrelated words make a strong one.`}
      error={error}
    />
  );
}

/**
 * The current password, wherever a change asks for it first (settings, two-factor, passkeys): one name, label and
 * autocomplete everywhere. `id` when two forms on one page ask for it.
 */
export function CurrentPasswordField({ id, hint, error }: { id?: string; hint?: string; error: string | undefined }) {
  return (
    <PasswordField
      id={id}
      name="currentPassword"
      label="Current password"
      autoComplete="current-password"
      hint={hint}
      error={error}
    />
  );
}
