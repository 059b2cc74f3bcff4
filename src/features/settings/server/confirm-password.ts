// The password typed to confirm something in /settings (a change of password or email, deleting the account,
// two-factor), checked like a sign-in: throttled and charged before the compare, in the hashing pool's
// signed-in lane, ahead of anonymous sign-in attempts. Not in an actions file: there, every export is an endpoint.
import "server-only";

import { headers } from "next/headers";

import { guardedPasswordCheck } from "@/features/auth/server/check-password";
import { verifyPassword } from "@/features/auth/server/password-hash";
import { throttleMessage } from "@/features/auth/server/throttle";
import { clientKey } from "@/lib/client-ip";
import { BUSY } from "@/lib/form";

export const WRONG_PASSWORD = "That is not your current password.";

/** Null when `password` is the person's; otherwise the message to show under the field. */
export async function confirmPassword(
  user: { email: string; passwordHash: string },
  password: string,
): Promise<string | null> {
  const attempt = { email: user.email, ip: clientKey(await headers()) };
  const outcome = await guardedPasswordCheck(
    attempt,
    "signed-in",
    async () => (await verifyPassword(password, user.passwordHash, "signed-in")) || null,
  );
  if (outcome.kind === "busy") return BUSY;
  if (outcome.kind === "throttled") return throttleMessage(outcome.waitSeconds);
  return outcome.result ? null : WRONG_PASSWORD;
}
