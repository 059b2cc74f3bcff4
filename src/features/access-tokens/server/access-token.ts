// Access tokens for other services: short-lived ES256 JWTs in the shape of RFC 9068 (JWT access tokens) and
// RFC 8725 (JWT best practices) — explicitly typed `at+jwt`, with a `kid` that the JWKS publishes, for one audience.
// They carry who the person is and their role, never a secret or their email: a service that needs more asks for
// it with the token. Minted by POST /api/token (./token-endpoint.ts); verified by anyone with the JWKS.
import "server-only";

import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";

import { authConfig } from "auth.config";
import type { Role } from "@/config/roles";
import { appOrigin } from "@/features/mail/server/app-url";
import { env } from "@/lib/server/env";

import { Keyring, SIGNING_ALGORITHM } from "./keyring";

/** RFC 9068 §2.1: the media type of a JWT access token, in its short form. */
const ACCESS_TOKEN_TYPE = "at+jwt";

export interface AccessTokenSubject {
  userId: string;
  role: Role;
  /** The device session the token was minted from: signing that device out stops new tokens, and says which. */
  sessionId: string;
}

export interface AccessTokenSettings {
  /** `iss`: the app's origin (AUTH_URL). */
  issuer: string;
  /** `aud`: ACCESS_TOKEN_AUDIENCE. */
  audience: string;
  ttlSeconds: number;
}

export interface MintedToken {
  accessToken: string;
  expiresIn: number;
}

/** The settings from the environment. */
export function accessTokenSettings(): AccessTokenSettings {
  return { issuer: appOrigin(), audience: env.ACCESS_TOKEN_AUDIENCE, ttlSeconds: env.ACCESS_TOKEN_TTL_SECONDS };
}

const globalForKeyring = globalThis as typeof globalThis & { __accessTokenKeyring?: Keyring };

/** This process's keyring (one per process, whichever route bundle asks first): AUTH_SECRET's list seals. */
export function appKeyring(): Keyring {
  return (globalForKeyring.__accessTokenKeyring ??= new Keyring({
    secrets: authConfig.secret ?? [],
    tokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
  }));
}

/** A token for `subject`, signed by the key that signs at `now`. */
export async function mintAccessToken(
  subject: AccessTokenSubject,
  { keyring = appKeyring(), settings = accessTokenSettings(), now = new Date() } = {},
): Promise<MintedToken> {
  const { kid, privateKey } = await keyring.signer(now);
  const issuedAt = Math.floor(now.getTime() / 1000);
  const accessToken = await new SignJWT({
    role: subject.role,
    sid: subject.sessionId,
    // RFC 9068 §2.2 asks for the client the token was issued to: this app's own web client.
    client_id: settings.issuer,
  })
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, typ: ACCESS_TOKEN_TYPE, kid })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setSubject(subject.userId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + settings.ttlSeconds)
    .setJti(randomUUID())
    .sign(privateKey);
  return { accessToken, expiresIn: settings.ttlSeconds };
}
