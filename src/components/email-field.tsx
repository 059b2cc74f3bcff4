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
}: {
  name?: string;
  label?: string;
  typed: string | undefined;
  error: string | undefined;
}) {
  return (
    <FormField
      key={`${name}-${typed ?? ""}`}
      name={name}
      label={label}
      type="email"
      autoComplete="email"
      required
      defaultValue={typed}
      error={error}
    />
  );
}
