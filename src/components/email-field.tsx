import { FormField } from "@/components/form-field";

/**
 * An email input that keeps what the person typed after a failed submit: it remounts with the value the server
 * echoed back (`typed`), since an uncontrolled input would otherwise keep nothing across the action's re-render.
 */
export function EmailField({
  name = "email",
  label = "Email",
  typed,
  error,
  autoComplete = "email",
}: {
  name?: string;
  label?: string;
  /** "username webauthn" on the sign-in form: the browser offers saved passkeys as the field is focused. */
  autoComplete?: "email" | "username webauthn";
  typed: string | undefined;
  error: string | undefined;
}) {
  return (
    <FormField
      key={`${name}-${typed ?? ""}`}
      name={name}
      label={label}
      type="email"
      autoComplete={autoComplete}
      required
      defaultValue={typed}
      error={error}
    />
  );
}
