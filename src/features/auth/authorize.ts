// Checks an email and password against the database. Every failure — malformed input, unknown email, wrong
// password — returns null, so the sign-in page can only ever say one generic thing; a throttled attempt throws
// ThrottledSignin (before any bcrypt work, and whether or not the password is right).
import "server-only";
import { CredentialsSignin } from "@auth/core/errors"; // what next-auth re-exports, without its Next-only imports
import type { User } from "next-auth";
import { userWithPassword } from "./check-password";
import { signInSchema } from "./schemas";
import { clientIp, recordFailure, recordSuccess, throttleState } from "./throttle";

export class ThrottledSignin extends CredentialsSignin {
  override code = "throttled";
}

export async function authorizeCredentials(credentials: unknown, request?: Request): Promise<User | null> {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const attempt = { email, ip: clientIp(request?.headers ?? new Headers()) };

  const throttle = await throttleState(attempt);
  if (throttle.waitSeconds > 0) throw new ThrottledSignin();

  const user = await userWithPassword(email, password);
  if (!user) {
    await recordFailure(attempt);
    return null;
  }
  if (throttle.emailHasFailures) await recordSuccess(attempt);

  return { id: user.id, name: user.name, email: user.email, image: user.image, role: user.role, sessionVersion: user.sessionVersion };
}
