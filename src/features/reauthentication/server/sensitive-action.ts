// The shape of every sensitive change's server action: `authedAction` (the form parsed, the session checked
// against the database), then the account's own checks that need no secret, then the one re-authentication step,
// and only then the change. Declaring an action with `sensitiveAction` is what makes it ask for a factor again;
// the forms carry the fields through <ReauthFields> and the schemas through `sensitiveSchema`.
import "server-only";

import type { z } from "zod";

import {
  authedAction,
  type ActionState,
  type AuthedActionContext,
  type FieldOf,
  type FormAction,
} from "@/features/auth/server/action";

import { REAUTH_MESSAGES, type REAUTH_FIELDS } from "../shared/schemas";
import { reauthenticate, type ReauthProof } from "./reauthenticate";

/** A sensitive form's schema: one made with `sensitiveSchema`, so it has the re-authentication's fields. */
type SensitiveSchema = z.ZodObject & { shape: typeof REAUTH_FIELDS };

export interface SensitiveOptions<Schema extends SensitiveSchema> {
  /**
   * Verified first: an account whose address is not proven cannot make this change (it may not be the address's
   * owner's account at all: EMAIL_VERIFICATION=optional lets anyone sign up with any address).
   */
  verifiedEmail?: boolean;
  /** The change's own refusals that need no secret (the same email again, a password that is the name): checked
   * first, so a refused change spends no code. */
  check?: (
    data: z.output<Schema>,
    context: AuthedActionContext,
  ) => ActionState<Schema> | null | Promise<ActionState<Schema> | null>;
}

export function sensitiveAction<Schema extends SensitiveSchema>(
  schema: Schema,
  run: (data: z.output<Schema>, context: AuthedActionContext) => Promise<ActionState<Schema>>,
  options: SensitiveOptions<Schema> = {},
): FormAction<FieldOf<Schema>> {
  return authedAction(schema, async (data, context) => {
    if (options.verifiedEmail && context.user.emailVerifiedAt === null)
      return { status: "error", formError: REAUTH_MESSAGES.verifyFirst };
    const refusedEarly = await options.check?.(data, context);
    if (refusedEarly) return refusedEarly;
    const refused = await reauthenticate(context.user, data as ReauthProof);
    // The re-authentication's fields are among the schema's (SensitiveSchema), which TypeScript cannot see through
    // the generic: the cast says only that.
    if (refused) return { status: "error", ...refused } as ActionState<Schema>;
    return run(data, context);
  });
}
