// The fields of the one re-authentication step, which every sensitive form carries (change the password or the
// email, two-factor on or off, new recovery codes, add a passkey, delete the account). Each is optional here: which
// ones a person must fill in depends on the account — the password (or, without one, a passkey), plus a code when
// two-factor is on — and the server decides that (../server/reauthenticate.ts), never the form.
import "@/lib/shared/zod-without-eval"; // before any schema is made: no eval probe under the CSP

import { z } from "zod";

import { passwordSchema } from "@/features/auth/shared/schemas";
import { PASSKEY_RESPONSE_MAX } from "@/features/passkeys/shared/schemas";
import { secondFactorCodeSchema } from "@/features/two-factor/shared/codes";
import { secret } from "@/lib/shared/secret-field";

/** An empty field, as a form sends one it does not use, is a field not given. */
const givenOrNot = <Schema extends z.ZodType>(schema: Schema) =>
  secret(z.preprocess((value) => (value === "" ? undefined : value), schema.optional()));

export const REAUTH_FIELDS = {
  currentPassword: givenOrNot(passwordSchema()),
  /** A code from the authenticator app, or a recovery code (a lost phone must not lock the owner out). */
  reauthCode: givenOrNot(secondFactorCodeSchema),
  /** A WebAuthn assertion (JSON), for an account without a password. */
  passkeyAssertion: givenOrNot(z.string({ error: "Confirm with your passkey." }).max(PASSKEY_RESPONSE_MAX)),
};

export type ReauthField = keyof typeof REAUTH_FIELDS;

/** A sensitive form's schema: its own fields and the re-authentication's. */
export const sensitiveSchema = <Shape extends z.ZodRawShape>(shape: Shape) => z.object({ ...shape, ...REAUTH_FIELDS });

/** What an account must prove for a sensitive change, as the forms show it. */
export interface ReauthRequirements {
  /** The current password; without one (an account that has none), a passkey. */
  password: boolean;
  /** An authentication code as well: two-factor is on. */
  code: boolean;
}

export const REAUTH_MESSAGES = {
  needPassword: "Enter your current password.",
  needCode: "Enter a code from your authenticator app, or a recovery code.",
  needPasskey: "Confirm with one of your passkeys.",
  passkeyRefused: "That passkey could not confirm it's you. Try again.",
  verifyFirst: "Verify your email first: open the link we sent you, or send a new one from the banner.",
} as const;
