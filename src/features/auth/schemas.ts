// The zod schemas of the auth forms, shared by each form (hints while typing) and its server action (the check
// that counts). Rules from the spec, "Data".
import { z } from "zod";

/** bcrypt reads at most 72 bytes; longer passwords are refused, never silently truncated. */
export const PASSWORD_MAX_BYTES = 72;

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address."));

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/** For sign-in: only what bcrypt can check. The length policy applies when a password is chosen, not typed. */
export const signInSchema = z.object({
  email: emailSchema,
  password: z
    .string({ error: "Enter your password." })
    .transform((password) => password.normalize("NFKC"))
    .pipe(z.string().min(1, "Enter your password.").refine((p) => utf8Bytes(p) <= PASSWORD_MAX_BYTES, "That password is too long.")),
});
export type SignInInput = z.infer<typeof signInSchema>;
