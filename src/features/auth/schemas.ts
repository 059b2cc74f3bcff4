// The zod schemas of the auth forms, shared by each form (hints while typing) and its server action (the check
// that counts). Rules from the spec, "Data"; the password rules follow NIST SP 800-63B rev. 4: a minimum length,
// no composition rules, nothing truncated.
import "@/lib/zod-without-eval"; // before any schema is made: no eval probe under the CSP
import { z } from "zod";

/** bcrypt reads at most 72 bytes; longer passwords are refused, never silently truncated. */
export const PASSWORD_MAX_BYTES = 72;
export const NAME_MAX_LENGTH = 64;
export const EMAIL_MAX_LENGTH = 254;

export const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;
/** Characters as people count them (code points), not UTF-16 units: "😀" is one. */
export const characters = (text: string): number => [...text].length;

// C0/C1 control characters, plus the Unicode line/paragraph separators that break layouts and logs.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** A plain string: arrays, files and numbers (hand-crafted posts) are refused with the given message. */
const text = (message: string) => z.string({ error: message });

export const emailSchema = text("Enter your email address.")
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(EMAIL_MAX_LENGTH, `An email address has at most ${EMAIL_MAX_LENGTH} characters.`)
  .pipe(z.email("Enter a valid email address."));

export const nameSchema = text("Enter your name.")
  .trim()
  .min(1, "Enter your name.")
  .refine((name) => characters(name) <= NAME_MAX_LENGTH, `A name has at most ${NAME_MAX_LENGTH} characters.`)
  .refine((name) => !CONTROL_CHARACTERS.test(name), "A name cannot contain control characters.")
  .refine((name) => name.isWellFormed(), "That name contains invalid characters.");

/** NFKC first, so that the same password typed on two keyboards (or pasted) hashes the same. */
const normalisedPassword = (emptyMessage: string) =>
  text(emptyMessage)
    .refine((password) => password.isWellFormed(), "That password contains invalid characters.")
    .transform((password) => password.normalize("NFKC"))
    .pipe(z.string().min(1, emptyMessage));

const fitsBcrypt = (password: string) => utf8Bytes(password) <= PASSWORD_MAX_BYTES;
const TOO_LONG = `That password is too long: at most ${PASSWORD_MAX_BYTES} bytes (fewer characters if you use accents, symbols or emoji).`;

/** For sign-in: only what bcrypt can check. The length policy applies when a password is chosen, not typed. */
export const signInSchema = z.object({
  email: emailSchema,
  password: normalisedPassword("Enter your password.").refine(fitsBcrypt, TOO_LONG),
});
export type SignInInput = z.infer<typeof signInSchema>;

export interface PasswordPolicy {
  minLength: number;
  /** The common-password blocklist: the server passes it; a form in the browser can do without. */
  isCommon?: (password: string) => boolean;
}

export const COMMON_PASSWORD_MESSAGE = "That password is one of the most common ones. Choose something less predictable.";

/** A new password: at least `minLength` characters, at most 72 bytes, not a common one. */
export function newPasswordSchema({ minLength, isCommon }: PasswordPolicy, emptyMessage = "Choose a password.") {
  return normalisedPassword(emptyMessage)
    .refine((password) => characters(password) >= minLength, `Use at least ${minLength} characters.`)
    .refine(fitsBcrypt, TOO_LONG)
    .refine((password) => !isCommon?.(password), COMMON_PASSWORD_MESSAGE);
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
    .superRefine(({ name, email, password }, context) => {
      if (isPersonalPassword(password, { email, name })) {
        context.addIssue({ code: "custom", path: ["password"], message: PERSONAL_PASSWORD_MESSAGE });
      }
    });
}
export type RegisterInput = z.infer<ReturnType<typeof registerSchema>>;
