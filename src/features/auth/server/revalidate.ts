// Bounded staleness without a query per request. The token remembers when the server last compared it with the
// database (`checkedAt`); the Node runtime compares again once that is older than AUTH_REVALIDATE_SECONDS, and on
// every `update()`. In between, nothing is queried.
//
// A changed role (and email, and whether it is verified) is copied in. A changed session version (password
// change, "sign out of all devices"), a revoked or expired device session (sign-out, "sign out" in the Devices
// list), or a missing row (deleted account) ends the session. Name and image are taken from the row too — never from the
// client's update() payload, which anyone can POST with any JSON.
import "server-only";

import type { JWT } from "next-auth/jwt";

import { nowInSeconds } from "@/features/auth/edge/staleness";
import { liveSessionUser } from "@/features/devices/server/device-session";
import { describeError } from "@/lib/edge/describe-error";
import { env } from "@/lib/server/env";

/** How long to wait before trying again when the database could not be asked. */
const RETRY_AFTER_FAILURE_SECONDS = 30;

/** The token brought up to date with the database; null when the session must end. */
export async function revalidateToken(token: JWT): Promise<JWT | null> {
  if (!token.sub || !token.sid) return null; // a token from before device sessions: sign in again
  let user: Awaited<ReturnType<typeof liveSessionUser>>;
  try {
    // Also moves the device session's "last seen": once per bound, not once per request.
    user = await liveSessionUser(token.sub, token.sid);
  } catch (error) {
    // A throw here would make Auth.js delete the session cookie: a database outage must not sign everyone out.
    // Keep the token, and try again shortly (not on every request, and without a redirect loop at the Edge).
    console.error(`[auth] session check skipped: ${describeError(error)}`);
    const retryAt =
      nowInSeconds() - env.AUTH_REVALIDATE_SECONDS + Math.min(RETRY_AFTER_FAILURE_SECONDS, env.AUTH_REVALIDATE_SECONDS);
    return { ...token, checkedAt: Math.max(token.checkedAt ?? 0, retryAt) };
  }
  if (!user || user.sessionVersion !== token.sessionVersion) return null;
  return {
    ...token,
    name: user.name,
    email: user.email, // a confirmed email change
    verifiedEmail: user.emailVerifiedAt !== null,
    picture: user.image,
    role: user.role,
    checkedAt: nowInSeconds(),
  };
}
