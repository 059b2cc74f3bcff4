import type { InputHTMLAttributes, TextareaHTMLAttributes } from "react";

import { Field, fieldAria } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";

interface FieldText {
  name: string;
  label: string;
  error?: string;
  hint?: string;
}

type InputFieldProps = FieldText & InputHTMLAttributes<HTMLInputElement> & { multiline?: false };
type TextareaFieldProps = FieldText & TextareaHTMLAttributes<HTMLTextAreaElement> & { multiline: true };

/**
 * A labelled input (or, with `multiline`, a text area) with its error and hint under it, tied to it by
 * aria-describedby for screen readers.
 */
export function FormField({
  name,
  label,
  error,
  hint,
  id = name,
  multiline,
  ...control
}: InputFieldProps | TextareaFieldProps) {
  const aria = fieldAria(id, { error, hint }).control;
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {/* TypeScript does not narrow a rest object through the discriminant taken out of it, hence the casts. */}
      {multiline ? (
        <Textarea id={id} name={name} {...aria} {...(control as TextareaHTMLAttributes<HTMLTextAreaElement>)} />
      ) : (
        <Input id={id} name={name} {...aria} {...(control as InputHTMLAttributes<HTMLInputElement>)} />
      )}
    </Field>
  );
}
