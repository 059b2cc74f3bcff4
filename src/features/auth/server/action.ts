// The one shape of a server action. A server action is a public endpoint: anyone can post anything to it. So
// every action reads its form the same way, validates it with its zod schema, answers with the same state shape,
// keeps what the person typed (never a secret), and turns an outage into one calm message instead of a 500.
// `authedAction` adds the check that a signed-in form must not forget: the session, against the database.
import "server-only";

import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";

import type { User } from "@/db/schema";
import { describeError } from "@/lib/edge/describe-error";
import { echo, fieldErrorsOf, readFields, SERVICE_UNAVAILABLE, type FormState } from "@/lib/shared/form";
import { isSecretField } from "@/lib/shared/secret-field";

import { sessionEnded, verifiedUser } from "./session";

/** A form's schema: one key per field, so the fields to read and echo are the schema's own keys. */
type FormSchema = z.ZodObject;

/** The field names of a form, from its schema. */
export type FieldOf<Schema extends FormSchema> = Extract<keyof Schema["shape"], string>;

/** The state a form's `useActionState` holds for an action made from `Schema`. */
export type ActionState<Schema extends FormSchema> = FormState<FieldOf<Schema>>;

/** What `useActionState` (or a form's `action`, bound to a first state) calls. */
export type FormAction<Field extends string> = (
  previous: FormState<Field>,
  formData: FormData,
) => Promise<FormState<Field>>;

export interface ActionContext {
  /** The whole post, for what is not a validated field (the callback URL, whether the browser runs JavaScript). */
  formData: FormData;
}

export interface AuthedActionContext extends ActionContext {
  /** The signed-in person as the database has them now: never an id or role taken from the form. */
  user: User;
}

/**
 * A signed-out form's action: reads the schema's fields, answers field errors when they do not parse, else runs
 * `run` with the parsed data. Whatever `run` answers carries the echoed fields unless it sets its own `values`.
 * Anything unexpected that `run` throws (the database is down, say) becomes *Service temporarily unavailable*;
 * Next's own control flow (`redirect()`, `notFound()`) passes through.
 */
export function action<Schema extends FormSchema>(
  schema: Schema,
  run: (data: z.output<Schema>, context: ActionContext) => Promise<ActionState<Schema>>,
): FormAction<FieldOf<Schema>> {
  const fields = Object.keys(schema.shape) as Array<FieldOf<Schema>>;
  const echoed = fields.filter((field) => !isSecretField(field, schema.shape[field]));
  const label = `action(${fields.join(", ")})`;
  return async (_previous, formData) => {
    const raw = readFields(formData, fields);
    const values = echo(raw, echoed);
    try {
      const parsed = schema.safeParse(raw);
      if (!parsed.success)
        return { status: "error", fieldErrors: fieldErrorsOf<FieldOf<Schema>>(parsed.error), values };
      const result = await run(parsed.data, { formData });
      return { ...result, values: result.values ?? values };
    } catch (error) {
      unstable_rethrow(error);
      console.error(`[${label}] failed: ${describeError(error)}`);
      return { status: "error", formError: SERVICE_UNAVAILABLE, values };
    }
  };
}

/**
 * A signed-in form's action: `action`, plus the session re-checked against the database before `run` — the token
 * alone may be minutes old, and a revoked session (password changed, signed out everywhere, account deleted)
 * must not write. It answers the one session-ended state then. Validation comes first: a post that cannot parse
 * costs no query.
 */
export function authedAction<Schema extends FormSchema>(
  schema: Schema,
  run: (data: z.output<Schema>, context: AuthedActionContext) => Promise<ActionState<Schema>>,
): FormAction<FieldOf<Schema>> {
  return action(schema, async (data, context) => {
    const user = await verifiedUser();
    if (!user) return sessionEnded();
    return run(data, { ...context, user });
  });
}
