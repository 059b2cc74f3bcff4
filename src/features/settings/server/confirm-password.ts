// The password typed to confirm something in /settings (the re-authentication step of every sensitive change:
// src/features/reauthentication), checked like a sign-in: throttled and charged before the compare, in the hashing pool's
// signed-in lane, ahead of anonymous sign-in attempts. Not in an actions file: there, every export is an endpoint.
import "server-only";

import { headers } from "next/headers";

import { guardedPasswordCheck, uncomparedMessage } from "@/features/auth/server/check-password";
import { verifyPassword } from "@/features/auth/server/password-hash";
import { clientKey } from "@/lib/server/client-ip";

export const WRONG_PASSWORD = "That is not your current password.";

/**
 * Null when `password` is the person's; otherwise the message to show under the field. With `codeFollows` (two-
 * factor is on, and a code is checked next) a right password does not clear the account's consecutive failures:
 * only the code does, or knowing the password would buy unlimited code guesses.
 */
export async function confirmPassword(
  user: { email: string; passwordHash: string },
  password: string,
  { codeFollows = false }: { codeFollows?: boolean } = {},
): Promise<string | null> {
  const attempt = { email: user.email, ip: clientKey(await headers()) };
  const outcome = await guardedPasswordCheck(
    attempt,
    "signed-in",
    async () => (await verifyPassword(password, user.passwordHash, "signed-in")) || null,
    () => (codeFollows ? "refunded" : "succeeded"),
  );
  if (outcome.kind !== "checked") return uncomparedMessage(outcome);
  return outcome.result ? null : WRONG_PASSWORD;
}
