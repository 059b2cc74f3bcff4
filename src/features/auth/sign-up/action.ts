"use server";

import { AuthError } from "next-auth";
import { signIn } from "../../../../auth";
import { createUser } from "@/db/queries";
import { env } from "@/lib/env";
import { validatedAction } from "@/lib/form";
import { isCommonPassword } from "../common-passwords";
import { hashPassword } from "../password-hash";
import { wantsClientNavigation } from "../client-navigation";
import { safeCallbackUrl } from "../callback-url";
import { registerSchema } from "../schemas";

export type RegisterField = "name" | "email" | "password";
const FIELDS = ["name", "email", "password"] as const;

export const registerAction = validatedAction(
  registerSchema({ minLength: env.PASSWORD_MIN_LENGTH, isCommon: isCommonPassword }),
  FIELDS,
  async ({ name, email, password }, values, formData) => {
    // The unique index decides, so two simultaneous sign-ups with one email cannot both win.
    const created = await createUser({ name, email, passwordHash: await hashPassword(password) });
    if (!created) {
      return { status: "error", fieldErrors: { email: "An account with this email already exists." }, values };
    }
    const redirectTo = safeCallbackUrl(formData.get("callbackUrl"));
    try {
      await signIn("credentials", { email, password, redirectTo, redirect: !wantsClientNavigation(formData) });
    } catch (error) {
      if (error instanceof AuthError) {
        console.error(`[sign-up] account created but sign-in failed: ${error.type}`);
        return { status: "error", formError: "Your account was created, but we couldn't sign you in. Please sign in.", values };
      }
      throw error; // the redirect to the dashboard (no JavaScript)
    }
    return { status: "success", redirectTo };
  },
  ["password"],
);
