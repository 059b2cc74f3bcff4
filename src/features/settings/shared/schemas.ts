import { z } from "zod";

import { emailSchema, newPasswordSchema, passwordSchema, type PasswordPolicy } from "@/features/auth/shared/schemas";

// The current password is checked like a sign-in: normalised, and refused above 72 bytes rather than truncated.
export function changePasswordSchema(policy: PasswordPolicy) {
  return z.object({
    currentPassword: passwordSchema("Enter your current password."),
    newPassword: newPasswordSchema(policy, "Choose a new password."),
  });
}

/** The new address (normalised like every email) and the current password that allows the change. */
export const changeEmailSchema = z.object({
  newEmail: emailSchema,
  currentPassword: passwordSchema("Enter your current password."),
});

export const SAME_EMAIL = "That is already your email.";

/** The answer to a change of email, whether or not the new address is taken: the difference is left to the mail. */
export const emailChangeRequested = (newEmail: string) =>
  `Check your inbox: we sent a link to ${newEmail}. Your email changes when you open it.`;

export const deleteAccountSchema = z.object({ password: passwordSchema("Enter your password to confirm.") });

/** Nothing to fill in: the button is the whole form. */
export const signOutEverywhereSchema = z.object({});
