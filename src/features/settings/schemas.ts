import { z } from "zod";
import { newPasswordSchema, type PasswordPolicy } from "@/features/auth/schemas";

const currentPassword = z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(1024, "Enter your current password.");

export function changePasswordSchema(policy: PasswordPolicy) {
  return z.object({ currentPassword, newPassword: newPasswordSchema(policy, "Choose a new password.") });
}

export const deleteAccountSchema = z.object({
  password: z.string({ error: "Enter your password to confirm." }).min(1, "Enter your password to confirm.").max(1024, "Enter your password to confirm."),
});
