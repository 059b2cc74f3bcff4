import { z } from "zod";

/** A device session's id as newSessionId makes it: 12 random bytes, base64url, so 16 characters. */
const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{16}$/;

export const NOT_A_DEVICE = "That is not a device of your list.";

/** Which of the person's devices to sign out. Whose it is comes from the session, never from the form. */
export const revokeDeviceSchema = z.object({
  sessionId: z.string({ error: NOT_A_DEVICE }).regex(SESSION_ID_PATTERN, { error: NOT_A_DEVICE }),
});

/** Nothing to fill in: the button is the whole form, and "this device" is the session's, not the form's. */
export const signOutOtherDevicesSchema = z.object({});

/**
 * The one answer for an id that names no live session of the caller's: unknown, already revoked, or someone
 * else's. Telling these apart would tell a prober which ids exist.
 */
export const ALREADY_SIGNED_OUT = "That device is already signed out.";

export const deviceSignedOut = (device: string) => `Signed out ${device}.`;

export function otherDevicesSignedOut(count: number): string {
  if (count === 0) return "No other device was signed in.";
  return `Signed out ${count} other ${count === 1 ? "device" : "devices"}.`;
}
