// The forms of a password reset: asking for a link (an address), and the link's own form (its token and the new
// password, twice). The new password follows sign-up's rules; the check against the account's email and name
// needs the account, so the action makes it once the link says whose it is.
import { z } from "zod";

import { emailSchema, newPasswordSchema, passwordSchema, type PasswordPolicy } from "@/features/auth/shared/schemas";
import { linkTokenSchema } from "@/features/mail/shared/link-token";

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const PASSWORDS_DIFFER = "The passwords do not match.";

export function resetPasswordSchema(policy: PasswordPolicy) {
  return z
    .object({
      token: linkTokenSchema,
      newPassword: newPasswordSchema(policy, "Choose a new password."),
      confirmNewPassword: passwordSchema("Enter the new password again."),
    })
    .refine(({ newPassword, confirmNewPassword }) => newPassword === confirmNewPassword, {
      path: ["confirmNewPassword"],
      message: PASSWORDS_DIFFER,
      // Only once every field is valid: a too-short password gets its own message, not this one as well.
      when: ({ issues }) => issues.length === 0,
    });
}

/** The answer to "send a reset link", whoever the address belongs to (or nobody). */
export const RESET_LINK_SENT = "If an account exists for that email, we sent a link to reset the password.";

/** /login?reset=done shows this. */
export const PASSWORD_RESET_DONE = "Password changed. Sign in with your new password.";
export const RESET_DONE_PARAM = "reset";
export const RESET_DONE_VALUE = "done";
