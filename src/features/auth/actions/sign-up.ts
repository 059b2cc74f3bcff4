"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";

import { signIn } from "auth";
import { createUser } from "@/db/queries";
import { safeCallbackUrl } from "@/features/auth/edge/callback-url";
import { action } from "@/features/auth/server/action";
import { isCommonPassword } from "@/features/auth/server/common-passwords";
import { HashPoolBusyError, hashPoolRefusal } from "@/features/auth/server/hash-pool";
import { hashPassword } from "@/features/auth/server/password-hash";
import { chargeSignUp, throttleMessage } from "@/features/auth/server/throttle";
import { wantsClientNavigation } from "@/features/auth/shared/client-navigation";
import { registerSchema } from "@/features/auth/shared/schemas";
import { clientKey } from "@/lib/client-ip";
import { env } from "@/lib/env";
import { BUSY } from "@/lib/form";

export const registerAction = action(
  registerSchema({ minLength: env.PASSWORD_MIN_LENGTH, isCommon: isCommonPassword }),
  async ({ name, email, password }, { formData }) => {
    // Cheapest first: the hashing queue's room (memory), then the per-IP count (one row), then bcrypt.
    if (hashPoolRefusal()) return { status: "error", formError: BUSY };
    const wait = await chargeSignUp(clientKey(await headers()));
    if (wait > 0) return { status: "error", formError: throttleMessage(wait) };
    let passwordHash: string;
    try {
      passwordHash = await hashPassword(password);
    } catch (error) {
      if (error instanceof HashPoolBusyError) return { status: "error", formError: BUSY };
      throw error;
    }

    // The unique index decides, so two simultaneous sign-ups with one email cannot both win.
    const created = await createUser({ name, email, passwordHash });
    if (!created) return { status: "error", fieldErrors: { email: "An account with this email already exists." } };
    const redirectTo = safeCallbackUrl(formData.get("callbackUrl"));
    try {
      await signIn("credentials", { email, password, redirectTo, redirect: !wantsClientNavigation(formData) });
    } catch (error) {
      if (error instanceof AuthError) {
        console.error(`[sign-up] account created but sign-in failed: ${error.type}`);
        return { status: "error", formError: "Your account was created, but we couldn't sign you in. Please sign in." };
      }
      throw error; // the redirect to the dashboard (no JavaScript)
    }
    return { status: "success", redirectTo };
  },
);
