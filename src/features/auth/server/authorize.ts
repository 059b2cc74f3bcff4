// Checks an email and password against the database. Every failure on the person's side — malformed input,
// unknown email, wrong password — returns null, so the sign-in page can only ever say one generic thing.
//
// The checks run cheapest first, so that a flood costs as little as possible: the schema (lengths before any
// normalising), the hashing queue's room (memory), the throttle (a few indexed rows), the lookup, and only then
// bcrypt. A throttled attempt throws ThrottledSignin and a full hashing queue BusySignin, whether or not the
// password is right.
import "server-only";

import type { User } from "next-auth";

import { PASSWORD_ONLY, type AuthMethod } from "@/config/auth-methods";
import type { User as UserRow } from "@/db/schema";
import { recordAuthEvent, requestOrigin, type RequestOrigin } from "@/features/activity/server/record";
import { signInSchema } from "@/features/auth/shared/schemas";
import { openDeviceSession } from "@/features/devices/server/device-session";
import { mailVerificationLink } from "@/features/email-verification/server/verification-link";
import { startPendingSignIn, type CookieWriter } from "@/features/two-factor/server/pending-sign-in";
import { finishSecondStep, isSecondStep } from "@/features/two-factor/server/second-step";
import { clientKey } from "@/lib/server/client-ip";
import { env } from "@/lib/server/env";

import { guardedPasswordCheck, userWithPassword } from "./check-password";
import { BusySignin, SecondFactorRequired, ThrottledSignin } from "./sign-in-errors";

export { BusySignin, SecondFactorRequired, ThrottledSignin } from "./sign-in-errors";

/** Where authorize may write a cookie (the pending sign-in's). Without one, a second factor cannot be asked for. */
const NO_COOKIES: CookieWriter = {
  set() {
    throw new Error("authorize: no cookie store to start a two-factor sign-in with");
  },
};

/**
 * The person these credentials sign in, or null. Two kinds of credentials: an email and password, or — for an
 * account with two-factor on — a second step (a code, with the pending sign-in's cookie; see
 * src/features/two-factor/server/second-step.ts). A right password for such an account opens no session: it
 * starts a pending sign-in and throws SecondFactorRequired.
 */
export async function authorizeCredentials(
  credentials: unknown,
  request?: Request,
  cookies: CookieWriter = NO_COOKIES,
  now = new Date(),
): Promise<User | null> {
  const headers = request?.headers ?? new Headers();
  const origin = requestOrigin(headers);
  if (isSecondStep(credentials)) {
    const { user, methods } = await finishSecondStep(credentials, { headers, cookies, now });
    return signedIn(user, methods, origin, now);
  }

  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;

  const attempt = { email, ip: clientKey(headers) };
  // A right password for an account with two-factor on finishes nothing: it must not wipe the account's
  // consecutive failures (wrong codes among them), or knowing the password would buy unlimited code guesses, five
  // per pending sign-in. Only the second step's right code clears them.
  const outcome = await guardedPasswordCheck(
    attempt,
    "anonymous",
    () => userWithPassword(email, password),
    (user) => (user.twoFactorOn ? "refunded" : "succeeded"),
  );
  if (outcome.kind === "busy") throw new BusySignin();
  if (outcome.kind === "throttled") {
    // Refused attempts can come by the thousand: stored once a minute per account, logged each time.
    await recordAuthEvent("sign-in-throttled", { account: { email }, origin, onceWithinMs: 60_000 });
    throw new ThrottledSignin();
  }
  const user = outcome.result;
  if (!user) {
    await recordAuthEvent("sign-in-failed", { account: { email }, origin });
    return null;
  }
  if (user.disabledAt !== null) {
    // Refused before a second factor is asked for: a disabled account gets no pending sign-in either.
    await recordAuthEvent("sign-in-disabled", { account: { userId: user.id }, origin, now });
    return null;
  }
  if (user.emailVerifiedAt === null && env.EMAIL_VERIFICATION === "required") {
    // An account from before verification was required (sign-ups now wait as pending registrations, with no
    // account). It answers as a wrong password does: "verify first" would tell whoever chose this password at
    // sign-up that the address was free. A fresh link goes out, within the mail throttle, after the response.
    mailVerificationLink(user, attempt);
    return null;
  }
  if (user.twoFactorOn) {
    await startPendingSignIn({ user, methods: [...PASSWORD_ONLY], now }, { headers, cookies });
    throw new SecondFactorRequired();
  }
  return signedIn(user, [...PASSWORD_ONLY], origin, now);
}

/**
 * The session's user: a device session opened, and what the token needs (no secrets) — or null for an account an
 * admin disabled. Every kind of sign-in (a password, its second step, a passkey) ends here, so this is the one
 * place that admits an account to a session.
 */
export async function signedIn(
  user: UserRow,
  methods: AuthMethod[],
  origin: RequestOrigin,
  now: Date,
): Promise<User | null> {
  if (user.disabledAt !== null) {
    await recordAuthEvent("sign-in-disabled", { account: { userId: user.id }, origin, now });
    return null;
  }
  return {
    sessionId: await openDeviceSession(user, origin, { methods, now }),
    id: user.id,
    name: user.name,
    email: user.email,
    image: user.image,
    role: user.role,
    sessionVersion: user.sessionVersion,
    verifiedEmail: user.emailVerifiedAt !== null,
    methods,
  };
}
