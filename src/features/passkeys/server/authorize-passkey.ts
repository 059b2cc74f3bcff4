// The passkey's Credentials provider (`id: "passkey"` in auth.ts): a signed WebAuthn response in, the person out
// — so a passkey's session is the same JWT, with the same device session, as any other. A passkey verified with
// user verification is both factors: two-factor accounts need no code after it.
//
// Failures are throttled like a wrong password: charged to the IP, and to the passkey's account (or, for a
// passkey this site does not know, to its id) before the signature is checked.
import "server-only";

import type { User } from "next-auth";
import { z } from "zod";

import { passkeyMethods } from "@/config/auth-methods";
import { passkeyWithUser } from "@/db/passkeys";
import { recordAuthEvent, requestOrigin } from "@/features/activity/server/record";
import { signedIn } from "@/features/auth/server/authorize";
import { guardedPasswordCheck } from "@/features/auth/server/check-password";
import { BusySignin, ThrottledSignin, UnknownPasskey } from "@/features/auth/server/sign-in-errors";
import { clientKey } from "@/lib/server/client-ip";

import { authenticateWithPasskey } from "./webauthn";

/** A WebAuthn response is a few kilobytes at most; anything longer is no response. */
const RESPONSE_MAX = 16_384;

const credentialsSchema = z.object({ response: z.string().max(RESPONSE_MAX) });
const responseSchema = z.looseObject({ id: z.string().min(1).max(1_024), response: z.looseObject({}) });

function parseResponse(credentials: unknown) {
  const parsed = credentialsSchema.safeParse(credentials);
  if (!parsed.success) return null;
  try {
    const response = responseSchema.safeParse(JSON.parse(parsed.data.response));
    return response.success ? response.data : null;
  } catch {
    return null;
  }
}

export async function authorizePasskey(
  credentials: unknown,
  request?: Request,
  now = new Date(),
): Promise<User | null> {
  const response = parseResponse(credentials);
  if (!response) return null;
  const headers = request?.headers ?? new Headers();
  const origin = requestOrigin(headers);
  const known = await passkeyWithUser(response.id);
  const attempt = { email: known?.user.email ?? `passkey:${response.id}`, ip: clientKey(headers) };
  const outcome = await guardedPasswordCheck(attempt, "anonymous", async () => {
    // The library's types, checked by the library itself: a malformed response is refused there.
    const result = await authenticateWithPasskey(response as never, now, known);
    return result.user ? result : null;
  });
  if (outcome.kind === "busy") throw new BusySignin();
  if (outcome.kind === "throttled") throw new ThrottledSignin();
  const result = outcome.result;
  if (!result?.user) {
    if (known) await recordAuthEvent("passkey-failed", { account: { userId: known.user.id }, origin, now });
    if (!known) throw new UnknownPasskey();
    return null;
  }
  return signedIn(result.user, passkeyMethods(result.passkey.synced), origin, now);
}
