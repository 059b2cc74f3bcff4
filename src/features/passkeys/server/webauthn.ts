// The two WebAuthn ceremonies on @simplewebauthn/server, as this app runs them:
//
// - The relying party is AUTH_URL's: its origin is the only one accepted and its host name the RP ID — never the
//   request's Host or Origin header, which the client writes. (`http://localhost` works in development, as the
//   WebAuthn spec allows; an IP address is no valid RP ID.)
// - User verification is required in both ceremonies, and the passkey must be discoverable (resident key
//   required), so it can sign in on its own: it is both factors.
// - Every challenge is stored on the server, spent by the first response that signs it, for its own ceremony
//   only, within CHALLENGE_SECONDS.
// - A signature counter that goes backwards is refused (a cloned authenticator); synced passkeys report 0, which
//   is accepted.
import "server-only";

import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";

import { APP_NAME } from "@/config/app";
import {
  insertPasskey,
  listPasskeys,
  passkeyWithUser,
  recordPasskeyUse,
  spendChallenge,
  storeChallenge,
  type Ceremony,
  type PasskeyWithUser,
} from "@/db/passkeys";
import type { User } from "@/db/schema";
import { appOrigin } from "@/features/mail/server/app-url";
import { describeError } from "@/lib/edge/describe-error";
import { logger } from "@/lib/server/logger";

/** How long a ceremony's challenge may be answered. */
export const CHALLENGE_SECONDS = 5 * 60;

/** The relying party: AUTH_URL's origin, and its host name as the RP ID. */
export function relyingParty(): { origin: string; rpId: string } {
  const origin = appOrigin();
  return { origin, rpId: new URL(origin).hostname };
}

async function remember(challenge: string, ceremony: Ceremony, userId: string | null, now: Date) {
  await storeChallenge(
    { challenge, ceremony, userId, expiresAt: new Date(now.getTime() + CHALLENGE_SECONDS * 1000) },
    now,
  );
}

/** The challenge a response signed, read from its clientDataJSON (verification checks it again), or null. */
function signedChallenge(clientDataJSON: unknown): string | null {
  if (typeof clientDataJSON !== "string" || clientDataJSON.length > 4_096) return null;
  try {
    const { challenge } = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8")) as {
      challenge?: unknown;
    };
    return typeof challenge === "string" && challenge.length <= 128 ? challenge : null;
  } catch {
    return null;
  }
}

/** Options for adding a passkey to `user`'s account: theirs excluded, so one authenticator is not added twice. */
export async function registrationOptions(
  user: Pick<User, "id" | "email" | "name">,
  now = new Date(),
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await listPasskeys(user.id);
  const options = await generateRegistrationOptions({
    rpName: APP_NAME,
    rpID: relyingParty().rpId,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing.map(({ id, transports }) => ({ id, transports })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    timeout: CHALLENGE_SECONDS * 1000,
  });
  await remember(options.challenge, "registration", user.id, now);
  return options;
}

export type RegistrationOutcome = { added: true; id: string } | { added: false };

/** Verifies a registration response for `user` and stores the passkey under `name`. */
export async function registerPasskey(
  user: Pick<User, "id">,
  response: RegistrationResponseJSON,
  name: string,
  now = new Date(),
): Promise<RegistrationOutcome> {
  const challenge = signedChallenge(response?.response?.clientDataJSON);
  if (!challenge || !(await spendChallenge(challenge, { ceremony: "registration", userId: user.id }, now)))
    return { added: false };
  const { origin, rpId } = relyingParty();
  try {
    const { verified, registrationInfo } = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpId,
      requireUserVerification: true,
    });
    if (!verified) return { added: false };
    const { credential, credentialDeviceType, credentialBackedUp, aaguid } = registrationInfo;
    await insertPasskey({
      id: credential.id,
      userId: user.id,
      publicKey: Buffer.from(credential.publicKey).toString("base64url"),
      counter: credential.counter,
      transports: credential.transports ?? [],
      deviceType: credentialDeviceType,
      backedUp: credentialBackedUp,
      aaguid,
      name,
      createdAt: now,
    });
    return { added: true, id: credential.id };
  } catch (error) {
    // A malformed or mismatched response (the library throws for those) is the client's, not an outage.
    logger.info({ error: describeError(error) }, "passkey registration refused");
    return { added: false };
  }
}

/**
 * Options for an account without a password to prove itself again with one of its passkeys (the
 * re-authentication step of a sensitive change): only its own passkeys are offered, and the challenge is its own.
 */
export async function reauthenticationOptions(
  user: Pick<User, "id">,
  now = new Date(),
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const existing = await listPasskeys(user.id);
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpId,
    userVerification: "required",
    allowCredentials: existing.map(({ id, transports }) => ({
      id,
      transports: transports as NonNullable<RegistrationResponseJSON["response"]["transports"]>,
    })),
    timeout: CHALLENGE_SECONDS * 1000,
  });
  await remember(options.challenge, "reauthentication", user.id, now);
  return options;
}

/** Options for signing in with any passkey of this site (discoverable: no account named, no list sent). */
export async function authenticationOptions(now = new Date()): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpId,
    userVerification: "required",
    timeout: CHALLENGE_SECONDS * 1000,
  });
  await remember(options.challenge, "authentication", null, now);
  return options;
}

export type AuthenticationOutcome =
  { user: User; passkey: { id: string; synced: boolean } } | { user: null; reason: AuthenticationRefusal };
/** unknown: no such passkey (removed, or never here); refused: anything else (challenge, signature, counter, UV). */
export type AuthenticationRefusal = "unknown" | "refused";

/**
 * Verifies a sign-in response: the person whose passkey signed the challenge, or why not. `known` is the passkey
 * of `response.id` with its person, when the caller has looked it up already (to charge the throttle to them).
 * With `reauthenticating`, the response answers that person's re-authentication challenge, with a passkey of theirs.
 */
export async function authenticateWithPasskey(
  response: AuthenticationResponseJSON,
  now = new Date(),
  known?: PasskeyWithUser | undefined,
  reauthenticating?: Pick<User, "id">,
): Promise<AuthenticationOutcome> {
  const challenge = signedChallenge(response?.response?.clientDataJSON);
  const ceremony = reauthenticating
    ? ({ ceremony: "reauthentication", userId: reauthenticating.id } as const)
    : ({ ceremony: "authentication", userId: null } as const);
  if (!challenge || !(await spendChallenge(challenge, ceremony, now))) return { user: null, reason: "refused" };
  const found = known ?? (typeof response.id === "string" ? await passkeyWithUser(response.id) : undefined);
  if (!found) return { user: null, reason: "unknown" };
  if (reauthenticating && found.user.id !== reauthenticating.id) return { user: null, reason: "refused" };
  const { passkey, user } = found;
  const { origin, rpId } = relyingParty();
  try {
    const { verified, authenticationInfo } = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpId,
      requireUserVerification: true,
      credential: {
        id: passkey.id,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, "base64url")),
        counter: passkey.counter,
        transports: passkey.transports as NonNullable<RegistrationResponseJSON["response"]["transports"]>,
      },
    });
    if (!verified) return { user: null, reason: "refused" };
    // The library refuses a counter that did not grow; the conditional update refuses it again against a racing
    // request that used the same counter a moment ago.
    const recorded = await recordPasskeyUse(
      passkey.id,
      { counter: authenticationInfo.newCounter, backedUp: authenticationInfo.credentialBackedUp },
      now,
    );
    const synced = authenticationInfo.credentialDeviceType === "multiDevice";
    return recorded ? { user, passkey: { id: passkey.id, synced } } : { user: null, reason: "refused" };
  } catch (error) {
    logger.info({ error: describeError(error) }, "passkey sign-in refused");
    return { user: null, reason: "refused" };
  }
}
