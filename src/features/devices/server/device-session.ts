// Device sessions as the rest of the app uses them: opened at sign-in, re-checked where the token is re-checked
// anyway, and ended by a sign-out. The queries are in src/db/device-sessions.ts; the lifetimes are here.
import "server-only";

import type { AuthMethod } from "@/config/auth-methods";
import { deleteAuthEventsBefore } from "@/db/auth-events";
import { startDeviceSession, touchDeviceSession } from "@/db/device-sessions";
import type { User } from "@/db/schema";
import { recordSignIn, type RequestOrigin } from "@/features/activity/server/record";
import { nowInSeconds } from "@/features/auth/edge/staleness";
import { afterResponse } from "@/features/mail/server/deliver";
import { sendSecurityNotice } from "@/features/mail/server/links";
import { env } from "@/lib/server/env";

const DAY_MS = 86_400_000;
/** SESSION_MAX_AGE_DAYS in seconds: how long a session lasts from its sign-in, however active. */
const LIFETIME_SECONDS = env.SESSION_MAX_AGE_DAYS * 86_400;

/** Sessions that signed in before this moment have outlived SESSION_MAX_AGE_DAYS. */
export const signedInSince = (now: Date): Date => new Date(now.getTime() - LIFETIME_SECONDS * 1000);

/** When a session that signed in at `signedInAt` (epoch seconds) ends, however active it is (epoch seconds). */
export const sessionEndsAt = (signedInAt: number): number => signedInAt + LIFETIME_SECONDS;

/**
 * The lifetime (seconds) to give a session cookie written now: Auth.js's rolling `maxAge` (the idle expiry),
 * but never past the session's absolute end — so a cookie renewed by activity still dies on time. At least 1:
 * the jwt callback has ended a session already past its end before anything is encoded.
 */
export function cookieLifetime(signedInAt: unknown, idleMaxAge: number, now = nowInSeconds()): number {
  if (typeof signedInAt !== "number") return idleMaxAge;
  return Math.max(1, Math.min(idleMaxAge, sessionEndsAt(signedInAt) - now));
}

/**
 * Opens the device session of a sign-in that just succeeded and records the event; returns the session's id,
 * which the token carries as `sid`. A sign-in from a device the account was never signed in from (a first
 * sign-in aside) mails its owner, as GitHub and Google do: the same statement that records the event says so.
 * Old device sessions and expired events are swept here, on a path that writes anyway.
 */
export async function openDeviceSession(
  user: Pick<User, "id" | "email">,
  origin: RequestOrigin,
  { methods, now = new Date() }: { methods: AuthMethod[]; now?: Date },
) {
  const sessionId = await startDeviceSession({ userId: user.id, ...origin }, now, signedInSince(now));
  const history = await recordSignIn(user.id, { origin, sessionId, now, detail: { methods } });
  if (history.signedInBefore && !history.fromThisDeviceBefore)
    afterResponse("new sign-in notice", () =>
      sendSecurityNotice(user.email, { kind: "new-sign-in", device: origin.device, ip: origin.ip, at: now }),
    );
  await deleteAuthEventsBefore(new Date(now.getTime() - env.AUTH_EVENTS_RETENTION_DAYS * DAY_MS));
  return sessionId;
}

/**
 * The person behind a token, when its device session is still live (and "last seen" moved to now): one
 * statement. Undefined for a revoked or expired session, a token without a device session, or a gone account.
 */
export async function liveSessionUser(
  userId: string,
  sessionId: string | undefined,
  now = new Date(),
): Promise<User | undefined> {
  if (!sessionId) return undefined;
  return touchDeviceSession(userId, sessionId, now, signedInSince(now));
}
