// Checks an email and password against the database. Every failure on the person's side — malformed input,
// unknown email, wrong password — returns null, so the sign-in page can only ever say one generic thing.
//
// The checks run cheapest first, so that a flood costs as little as possible: the schema (lengths before any
// normalising), the hashing queue's room (memory), the throttle (a few indexed rows), the lookup, and only then
// bcrypt. A throttled attempt throws ThrottledSignin and a full hashing queue BusySignin, whether or not the
// password is right.
import "server-only";

import { CredentialsSignin } from "@auth/core/errors"; // what next-auth re-exports, without its Next-only imports
import type { User } from "next-auth";

import { recordAuthEvent, requestOrigin } from "@/features/activity/server/record";
import { signInSchema } from "@/features/auth/shared/schemas";
import { openDeviceSession } from "@/features/devices/server/device-session";
import { mailVerificationLink } from "@/features/email-verification/server/verification-link";
import { clientKey } from "@/lib/client-ip";
import { env } from "@/lib/env";

import { guardedPasswordCheck, userWithPassword } from "./check-password";

export class ThrottledSignin extends CredentialsSignin {
  override code = "throttled";
}

export class BusySignin extends CredentialsSignin {
  override code = "busy";
}

/** The password was right, but EMAIL_VERIFICATION=required and the address is not verified yet. */
export class UnverifiedSignin extends CredentialsSignin {
  override code = "unverified";
}

export async function authorizeCredentials(credentials: unknown, request?: Request): Promise<User | null> {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;

  const headers = request?.headers ?? new Headers();
  const attempt = { email, ip: clientKey(headers) };
  const origin = requestOrigin(headers);
  const outcome = await guardedPasswordCheck(attempt, "anonymous", () => userWithPassword(email, password));
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
  if (user.emailVerifiedAt === null && env.EMAIL_VERIFICATION === "required") {
    // Only someone with the password learns this, so it tells a stranger nothing. A fresh link goes out (within
    // the mail throttle: the answer is the same when it does not).
    mailVerificationLink(user, attempt);
    throw new UnverifiedSignin();
  }
  return {
    sessionId: await openDeviceSession(user, origin),
    id: user.id,
    name: user.name,
    email: user.email,
    image: user.image,
    role: user.role,
    sessionVersion: user.sessionVersion,
    verifiedEmail: user.emailVerifiedAt !== null,
  };
}
