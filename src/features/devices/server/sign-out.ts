// Ending a device session when its browser signs out. Auth.js clears the cookie; this revokes the row, so a copy
// of the cookie taken before the sign-out is refused too: at once by a write, within AUTH_REVALIDATE_SECONDS by
// a read.
import "server-only";

import type { JWT } from "next-auth/jwt";
import { headers } from "next/headers";

import { revokeDeviceSession } from "@/db/device-sessions";
import { recordAuthEvent, requestOrigin } from "@/features/activity/server/record";

/** Revokes the device session of the token being signed out; reports whether there was one to revoke. */
export async function endDeviceSession(token: JWT | null): Promise<{ revoked: boolean }> {
  if (!token?.sub || !token.sid) return { revoked: false };
  const now = new Date();
  // Nothing to revoke after "sign out of all devices" or a deleted account: their own events say what happened.
  const revoked = await revokeDeviceSession(token.sub, token.sid, now);
  if (!revoked) return { revoked: false };
  await recordAuthEvent("sign-out", {
    account: { userId: token.sub },
    origin: requestOrigin(await headers()),
    sessionId: token.sid,
    now,
  });
  return { revoked: true };
}
