"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { redirect as nextRedirect } from "next/navigation";

import { signIn } from "auth";
import { safeCallbackUrl } from "@/features/auth/edge/callback-url";
import { throttleMessage, throttleWaitSeconds } from "@/features/auth/server/throttle";
import { wantsClientNavigation } from "@/features/auth/shared/client-navigation";
import { SECOND_FACTOR_REQUIRED } from "@/features/auth/shared/messages";
import { signInSchema } from "@/features/auth/shared/schemas";
import { twoFactorPath } from "@/features/two-factor/shared/paths";
import { clientKey } from "@/lib/server/client-ip";
import { BUSY, echo, readFields, SERVICE_UNAVAILABLE, type FormState } from "@/lib/shared/form";

export type SignInField = "email" | "password";
const FIELDS = ["email", "password"] as const;

// One message for every way a sign-in can fail on the person's side, so nothing tells which part was wrong.
const INVALID_CREDENTIALS = "Invalid email or password.";
const UNAVAILABLE = SERVICE_UNAVAILABLE;

/**
 * The one action not made with `action()` (src/features/auth/server/action.ts), on purpose: a form that does
 * not parse must answer exactly like wrong credentials (field errors would tell an attacker which part was
 * malformed), and the failures to map come from Auth.js's signIn — its throttle and the hashing pool's refusal
 * arrive as CredentialsSignin codes, an outage as another AuthError — not from code this action runs itself.
 */
export async function signInAction(
  _previous: FormState<SignInField>,
  formData: FormData,
): Promise<FormState<SignInField>> {
  const raw = readFields(formData, FIELDS);
  const values = echo(raw, ["email"]);
  const parsed = signInSchema.safeParse(raw);
  // Malformed input gets the same answer as wrong credentials: nothing here tells an attacker anything.
  if (!parsed.success) return { status: "error", formError: INVALID_CREDENTIALS, values };

  const redirectTo = safeCallbackUrl(formData.get("callbackUrl"));
  const redirect = !wantsClientNavigation(formData);
  try {
    await signIn("credentials", { ...parsed.data, redirectTo, redirect });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "throttled") {
      const wait = await throttleWaitSeconds({ email: parsed.data.email, ip: clientKey(await headers()) }).catch(
        () => null,
      );
      return { status: "error", formError: wait === null ? UNAVAILABLE : throttleMessage(wait), values };
    }
    if (error instanceof CredentialsSignin && error.code === "busy")
      return { status: "error", formError: BUSY, values };
    if (error instanceof CredentialsSignin && error.code === SECOND_FACTOR_REQUIRED) {
      // The password was right; no session yet. authorize set the pending sign-in's cookie: on to the code.
      const next = twoFactorPath(redirectTo);
      if (redirect) nextRedirect(next);
      return { status: "success", redirectTo: next };
    }
    if (error instanceof AuthError) {
      // CredentialsSignin: `authorize` said no. Anything else (the database is down) is not the person's fault.
      const message = error.type === "CredentialsSignin" ? INVALID_CREDENTIALS : UNAVAILABLE;
      if (error.type !== "CredentialsSignin") console.error(`[sign-in] ${error.type}: ${error.message}`);
      return { status: "error", formError: message, values };
    }
    throw error; // the redirect to the callback URL (no JavaScript)
  }
  return { status: "success", redirectTo };
}
