// The passkey forms' schemas and words, shared by the client (which runs the WebAuthn ceremony) and the server
// actions (which check everything again).
import "@/lib/shared/zod-without-eval"; // before any schema is made: no eval probe under the CSP

import { z } from "zod";

import { CONTROL_OR_FORMAT } from "@/features/auth/shared/schemas";

export const PASSKEY_NAME_MAX_LENGTH = 64;
/** A WebAuthn response is a few kilobytes; anything longer is no response. */
export const PASSKEY_RESPONSE_MAX = 16_384;

const NAME_TOO_LONG = `A passkey's name has at most ${PASSKEY_NAME_MAX_LENGTH} characters.`;

export const passkeyNameSchema = z
  .string({ error: "Name the passkey." })
  .max(1_024, NAME_TOO_LONG)
  .pipe(
    z
      .string()
      .trim()
      .min(1, "Name the passkey.")
      .max(PASSKEY_NAME_MAX_LENGTH, NAME_TOO_LONG)
      .refine((name) => !CONTROL_OR_FORMAT.test(name), "A name cannot contain control or invisible characters."),
  );

/** A credential id: base64url, as the browser names it. */
const passkeyIdSchema = z
  .string({ error: "That passkey is not one of yours." })
  .max(1_024, "That passkey is not one of yours.")
  .regex(/^[A-Za-z0-9_-]+$/, "That passkey is not one of yours.");

/** The browser's response to a ceremony, as JSON text (checked by @simplewebauthn on the server). */
export const passkeyResponseSchema = z.string().min(2).max(PASSKEY_RESPONSE_MAX);

export const renamePasskeySchema = z.object({ passkeyId: passkeyIdSchema, name: passkeyNameSchema });
export const removePasskeySchema = z.object({ passkeyId: passkeyIdSchema });

// What people read when a ceremony does not work out: plain words, never a stack.
export const PASSKEY_MESSAGES = {
  unsupported: "This browser does not support passkeys. Sign in with your password instead.",
  cancelled: "The passkey prompt was closed or timed out. Try again when you are ready.",
  // Sign-in's NotAllowedError: the browser says the same for "this device has no passkey for this site" as for a
  // closed or timed-out prompt (on purpose: a page may not learn which passkeys a device holds), so the words name
  // the likelier cause first, and both.
  noneUsed:
    "No passkey was used: this device may have none for this site, or the prompt was closed. Try again, or sign in with your password.",
  unknown: "This passkey is not registered here (it may have been removed). Sign in with your password.",
  refused: "That passkey could not sign you in. Try again, or sign in with your password.",
  addFailed: "The passkey could not be added. Try again.",
  alreadyAdded: "This device already holds a passkey for your account.",
  lastWayIn: "This is your last way to sign in: it cannot be removed.",
} as const;
