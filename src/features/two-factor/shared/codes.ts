// The codes of two-factor as people type them: an authenticator app's 6 digits, a recovery code's 16 characters, or
// either (where a lost phone must not lock the owner out). Spaces and hyphens are ignored, and a recovery code's
// look-alike letters are read as the digits they resemble. Shared by the two-factor forms and the
// re-authentication step (src/features/reauthentication), which asks for one when two-factor is on.
import "@/lib/shared/zod-without-eval"; // before any schema is made: no eval probe under the CSP

import { z } from "zod";

import { secret } from "@/lib/shared/secret-field";

/** An authenticator app's code: 6 digits (a space in the middle, as some apps show it, is fine). */
export const TOTP_CODE_LENGTH = 6;
/** A recovery code: 16 Crockford base32 characters, 80 bits, shown as four groups of four. */
export const RECOVERY_CODE_LENGTH = 16;
/** How many recovery codes a set has. */
export const RECOVERY_CODE_COUNT = 10;

const CROCKFORD = /^[0-9A-HJKMNP-TV-Z]+$/;
/** Crockford's reading of what people type: case-insensitive, I and L are 1, O is 0; separators dropped. */
export function normaliseRecoveryCode(typed: string): string {
  return typed.replace(/[\s-]/g, "").toUpperCase().replace(/[IL]/g, "1").replace(/O/g, "0");
}

const SHORT_FIELD = 64; // a code field longer than this is no code: refused before it is looked at

export const INVALID_TOTP_CODE = `Enter the ${TOTP_CODE_LENGTH}-digit code from your authenticator app.`;
export const INVALID_RECOVERY_CODE = "Enter one of your recovery codes (16 letters and digits).";
export const INVALID_SECOND_FACTOR = "Enter a code from your authenticator app, or a recovery code.";

/** A 6-digit code, spaces dropped. Secret: a code is never echoed back into the page. */
export const totpCodeSchema = secret(
  z
    .string({ error: INVALID_TOTP_CODE })
    .max(SHORT_FIELD, INVALID_TOTP_CODE)
    .transform((code) => code.replace(/\s/g, ""))
    .pipe(z.string().regex(new RegExp(`^\\d{${TOTP_CODE_LENGTH}}$`), INVALID_TOTP_CODE)),
);

/** A recovery code, normalised (see normaliseRecoveryCode). Secret: never echoed. */
export const recoveryCodeSchema = secret(
  z
    .string({ error: INVALID_RECOVERY_CODE })
    .max(SHORT_FIELD, INVALID_RECOVERY_CODE)
    .transform(normaliseRecoveryCode)
    .pipe(z.string().length(RECOVERY_CODE_LENGTH, INVALID_RECOVERY_CODE).regex(CROCKFORD, INVALID_RECOVERY_CODE)),
);

/** Either kind, as the field that turns two-factor off takes it: a lost phone must not lock the owner in. */
export const secondFactorCodeSchema = secret(
  z
    .string({ error: INVALID_SECOND_FACTOR })
    .max(SHORT_FIELD, INVALID_SECOND_FACTOR)
    .transform((typed) => typed.replace(/[\s-]/g, ""))
    .pipe(
      z.union(
        [
          z
            .string()
            .regex(new RegExp(`^\\d{${TOTP_CODE_LENGTH}}$`))
            .transform((code) => ({ kind: "totp" as const, code })),
          z
            .string()
            .transform(normaliseRecoveryCode)
            .pipe(z.string().length(RECOVERY_CODE_LENGTH).regex(CROCKFORD))
            .transform((code) => ({ kind: "recovery" as const, code })),
        ],
        { error: INVALID_SECOND_FACTOR },
      ),
    ),
);
