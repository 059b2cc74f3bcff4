import { z } from "zod";

import { emailSchema, newPasswordSchema, type PasswordPolicy } from "@/features/auth/shared/schemas";
import { sensitiveSchema } from "@/features/reauthentication/shared/schemas";

// Each sensitive form asks for a factor again: its re-authentication fields come with sensitiveSchema.
export function changePasswordSchema(policy: PasswordPolicy) {
  return sensitiveSchema({ newPassword: newPasswordSchema(policy, "Choose a new password.") });
}

/** The new address (normalised like every email), and the re-authentication that allows the change. */
export const changeEmailSchema = sensitiveSchema({ newEmail: emailSchema });

export const SAME_EMAIL = "That is already your email.";

/** The answer to a change of email, whether or not the new address is taken: the difference is left to the mail. */
export const emailChangeRequested = (newEmail: string) =>
  `Check your inbox: we sent a link to ${newEmail}. Your email changes when you open it.`;

export const deleteAccountSchema = sensitiveSchema({});

/** Nothing to fill in: the button is the whole form. */
export const signOutEverywhereSchema = z.object({});
