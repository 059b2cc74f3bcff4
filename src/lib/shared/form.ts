// The one shape every form action returns, and the pieces that read a form and echo it back. The action wrappers
// themselves (validation, the session check, outages) are src/features/auth/server/action.ts.
import type { z } from "zod";

export interface FormState<Field extends string = string> {
  status: "idle" | "error" | "success";
  /** One message per field, shown under it. */
  fieldErrors?: Partial<Record<Field, string>>;
  /** A message about the whole form, shown in a role="alert" region. */
  formError?: string;
  /** A success message, shown in a role="status" region. */
  message?: string;
  /** Where the browser should go next, after a success that changed the session. */
  redirectTo?: string;
  /** What the person typed, echoed back so nothing is lost on an error. Never passwords. */
  values?: Partial<Record<Field, string>>;
  /** Secrets shown to the person this once and never again (new recovery codes): stored only as hashes. */
  revealed?: readonly string[];
}

export const IDLE = { status: "idle" } as const satisfies FormState;

/**
 * Reads the named fields. A field sent once is its string; sent twice (a hand-crafted post) it becomes an array,
 * and a file stays a file — the zod schema then refuses it with a field error instead of quietly taking the first.
 */
export function readFields<Field extends string>(formData: FormData, fields: readonly Field[]): Record<Field, unknown> {
  const entries = fields.map((field) => {
    const values = formData.getAll(field);
    return [field, values.length === 0 ? undefined : values.length === 1 ? values[0] : values] as const;
  });
  return Object.fromEntries(entries) as Record<Field, unknown>;
}

/** The first message per field of a failed parse. */
export function fieldErrorsOf<Field extends string>(error: z.ZodError): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as Field | undefined;
    if (field !== undefined && errors[field] === undefined) errors[field] = issue.message;
  }
  return errors;
}

/** The strings among `fields`, for echoing back (bounded, so a 10 MB post is not sent back whole). */
export function echo<Field extends string>(
  raw: Record<Field, unknown>,
  fields: readonly Field[],
): Partial<Record<Field, string>> {
  const values: Partial<Record<Field, string>> = {};
  for (const field of fields) {
    const value = raw[field];
    if (typeof value === "string") values[field] = value.slice(0, 4_096);
  }
  return values;
}

export const SERVICE_UNAVAILABLE = "Service temporarily unavailable. Please try again in a moment.";

/** Too many password checks already waiting (src/features/auth/server/hash-pool.ts): answered at once, never queued. */
export const BUSY = "The service is busy. Try again in a moment.";
