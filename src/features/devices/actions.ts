"use server";

import { revalidatePath } from "next/cache";

import { signOut } from "auth";
import { HOME_PATH, ROUTES } from "@/config/routes";
import { revokeDeviceSession, revokeDeviceSessions } from "@/db/device-sessions";
import { recordRequestEvent } from "@/features/activity/server/record";
import { authedAction } from "@/features/auth/server/action";
import { currentSession, sessionEnded } from "@/features/auth/server/session";
import { wantsClientNavigation } from "@/features/auth/shared/client-navigation";

import {
  ALREADY_SIGNED_OUT,
  deviceSignedOut,
  otherDevicesSignedOut,
  revokeDeviceSchema,
  signOutOtherDevicesSchema,
} from "./shared/schemas";

/**
 * Signs out one of the caller's devices. The query matches only a row of the caller's own, so someone else's id,
 * an unknown one and one already revoked all answer ALREADY_SIGNED_OUT and change nothing. This browser's own id
 * signs this browser out (the cookie goes too), as the navbar's button does.
 */
export const revokeDeviceAction = authedAction(revokeDeviceSchema, async ({ sessionId }, { user, formData }) => {
  const session = await currentSession();
  if (!session) return sessionEnded();
  if (sessionId === session.sessionId) {
    // Auth.js's sign-out event revokes this device session and records the sign-out (src/features/devices/server/sign-out.ts).
    await signOut({ redirectTo: HOME_PATH, redirect: !wantsClientNavigation(formData) });
    return { status: "success", redirectTo: HOME_PATH };
  }
  const now = new Date();
  const revoked = await revokeDeviceSession(user.id, sessionId, now);
  revalidatePath(ROUTES.settingsDevices.path); // either way: the list this form came from is out of date
  if (!revoked) return { status: "success", message: ALREADY_SIGNED_OUT };
  await recordRequestEvent("device-revoked", user.id, {
    sessionId: session.sessionId,
    detail: { revokedDevice: revoked.device },
    now,
  });
  return { status: "success", message: deviceSignedOut(revoked.device) };
});

/** Signs out every other device of the caller's: this browser's session, named by its token, is kept. */
export const signOutOtherDevicesAction = authedAction(signOutOtherDevicesSchema, async (_data, { user }) => {
  const session = await currentSession();
  // No device session to keep (a token from before them): refuse rather than revoke this one with the rest.
  if (!session?.sessionId) return sessionEnded();
  const now = new Date();
  const count = await revokeDeviceSessions(user.id, now, { keep: session.sessionId });
  await recordRequestEvent("sign-out-other-devices", user.id, { sessionId: session.sessionId, now });
  revalidatePath(ROUTES.settingsDevices.path);
  return { status: "success", message: otherDevicesSignedOut(count) };
});
