import { z } from "zod";

import { newPasswordSchema, passwordSchema, type PasswordPolicy } from "@/features/auth/shared/schemas";

// The current password is checked like a sign-in: normalised, and refused above 72 bytes rather than truncated.
export function changePasswordSchema(policy: PasswordPolicy) {
  return z.object({
    currentPassword: passwordSchema("Enter your current password."),
    newPassword: newPasswordSchema(policy, "Choose a new password."),
  });
}

export const deleteAccountSchema = z.object({ password: passwordSchema("Enter your password to confirm.") });

/** Nothing to fill in: the button is the whole form. */
export const signOutEverywhereSchema = z.object({});
