// The zod schemas of the auth forms, shared by each form (hints while typing) and its server action (the check
// that counts). The password rules follow NIST SP 800-63B rev. 4: a minimum length,
// no composition rules, nothing truncated.
import "@/lib/shared/zod-without-eval"; // before any schema is made: no eval probe under the CSP

import { z } from "zod";

import { VERY_WEAK_MESSAGE } from "@/features/auth/shared/password-strength";
import { secret } from "@/lib/shared/secret-field";

/** bcrypt reads at most 72 bytes; longer passwords are refused, never silently truncated. */
const PASSWORD_MAX_BYTES = 72;
export const NAME_MAX_LENGTH = 64;
const EMAIL_MAX_LENGTH = 254;

const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;
/** Characters as people count them (code points), not UTF-16 units: "😀" is one. */
export const characters = (text: string): number => [...text].length;

/**
 * Control characters (C0, C1: NUL fails in PostgreSQL, newlines break layouts and logs), invisible formatting
 * characters (bidi overrides, zero-width joiners and spaces: they make one name look like another in the admin
 * table), and the Unicode line and paragraph separators.
 */
export const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/**
 * Longer than this, a field is refused as it arrives — before it is trimmed, normalised or looked at again —
 * so a 9 MB field costs a length check, not a second of the request thread. Generous next to every field's real
 * limit: a password of at most 72 bytes after NFKC has far fewer code units before it.
 */
export const RAW_FIELD_MAX = 1_024;

/** A plain string of at most `max` UTF-16 units: arrays, files and numbers (hand-crafted posts) are refused too. */
const boundedText = (typeMessage: string, tooLongMessage: string, max = RAW_FIELD_MAX) =>
  z.string({ error: typeMessage }).max(max, tooLongMessage);

const EMAIL_TOO_LONG = `An email address has at most ${EMAIL_MAX_LENGTH} characters.`;

export const emailSchema = boundedText("Enter your email address.", EMAIL_TOO_LONG).pipe(
  z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "Enter your email address.")
    .max(EMAIL_MAX_LENGTH, EMAIL_TOO_LONG)
    .pipe(z.email("Enter a valid email address.")),
);

const NAME_TOO_LONG = `A name has at most ${NAME_MAX_LENGTH} characters.`;

export const nameSchema = boundedText("Enter your name.", NAME_TOO_LONG).pipe(
  z
    .string()
    .trim()
    .min(1, "Enter your name.")
    .refine((name) => characters(name) <= NAME_MAX_LENGTH, NAME_TOO_LONG)
    .refine(
      (name) => !CONTROL_OR_FORMAT.test(name),
      "A name cannot contain control or invisible formatting characters.",
    )
    .refine((name) => name.isWellFormed(), "That name contains invalid characters."),
);

const fitsBcrypt = (password: string) => utf8Bytes(password) <= PASSWORD_MAX_BYTES;
const TOO_LONG = `That password is too long: at most ${PASSWORD_MAX_BYTES} bytes (fewer characters if you use accents, symbols or emoji).`;

/** NFKC first, so that the same password typed on two keyboards (or pasted) hashes the same. */
const normalisedPassword = (emptyMessage: string) =>
  boundedText(emptyMessage, TOO_LONG).pipe(
    z
      .string()
      .refine((password) => password.isWellFormed(), "That password contains invalid characters.")
      .transform((password) => password.normalize("NFKC"))
      .pipe(z.string().min(1, emptyMessage)),
  );

/**
 * A password someone types to prove who they are (sign-in, or confirming in settings): only what bcrypt can
 * check — refused above 72 bytes, never truncated. The length policy applies when a password is chosen.
 */
export const passwordSchema = (emptyMessage = "Enter your password.") =>
  secret(normalisedPassword(emptyMessage).refine(fitsBcrypt, TOO_LONG));

export const signInSchema = z.object({ email: emailSchema, password: passwordSchema() });
export type SignInInput = z.infer<typeof signInSchema>;

export interface PasswordPolicy {
  minLength: number;
  /** The common-password blocklist: the server passes it; a form in the browser can do without. */
  isCommon?: (password: string) => boolean;
  /** zxcvbn's "Very weak" (score 0), as the hint shows it: the server passes it (its dictionaries are large). */
  isVeryWeak?: (password: string) => boolean;
}

const COMMON_PASSWORD_MESSAGE = "That password is one of the most common ones. Choose something less predictable.";

/** A new password: at least `minLength` characters, at most 72 bytes, not a common one, not "Very weak". */
export function newPasswordSchema(
  { minLength, isCommon, isVeryWeak }: PasswordPolicy,
  emptyMessage = "Choose a password.",
) {
  return secret(
    normalisedPassword(emptyMessage)
      .refine((password) => characters(password) >= minLength, `Use at least ${minLength} characters.`)
      .refine(fitsBcrypt, TOO_LONG)
      .refine((password) => !isCommon?.(password), COMMON_PASSWORD_MESSAGE)
      // Last, and only when the rest pass: the first message is the one shown, and scoring costs a few ms.
      .refine((password) => !isVeryWeak?.(password), {
        message: VERY_WEAK_MESSAGE,
        when: ({ issues }) => issues.length === 0,
      }),
  );
}

/** True when the password is the person's email or name, whatever the case. */
export function isPersonalPassword(password: string, person: { email: string; name: string }): boolean {
  const lowered = password.toLowerCase();
  return lowered === person.email.toLowerCase() || lowered === person.name.toLowerCase();
}
export const PERSONAL_PASSWORD_MESSAGE = "Your password cannot be your email address or your name.";

export function registerSchema(policy: PasswordPolicy) {
  return z
    .object({ name: nameSchema, email: emailSchema, password: newPasswordSchema(policy) })
    .refine(({ name, email, password }) => !isPersonalPassword(password, { email, name }), {
      path: ["password"],
      message: PERSONAL_PASSWORD_MESSAGE,
      // Only once every field is valid: zod would otherwise run this on the raw values of failed fields too.
      when: ({ issues }) => issues.length === 0,
    });
}
export type RegisterInput = z.infer<ReturnType<typeof registerSchema>>;
