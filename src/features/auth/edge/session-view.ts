// What a session token means, decided in one place: who it is, with which role, and whether its last database
// check is recent enough to decide from. The Edge guard, the server-side checks and Auth.js's own session
// callback all ask here, so they can never disagree about a token. Edge-safe.
import type { JWTPayload } from "jose";

import { authMethodsOf, type AuthMethod } from "@/config/auth-methods";
import { isRole, LOWEST_ROLE, type Role } from "@/config/roles";

import { decodeSessionToken, parseCookieHeader, sessionCookieName, sessionCookieValue } from "./session-token";
import { isStale, nowInSeconds } from "./staleness";

export interface SessionView {
  user: { id: string; name: string; email: string; image: string | null; role: Role; verifiedEmail: boolean };
  /** The device session (device_sessions.id); "" for a token made before device sessions existed. */
  sessionId: string;
  /** How the session was made (the token's `amr`): ["pwd"], or ["pwd", "otp"] with a second factor. */
  methods: AuthMethod[];
  /** When this device session signed in (epoch seconds), 0 if the token does not say. */
  signedInAt: number;
  /** The session version at sign-in: data-changing actions compare it with the database. */
  sessionVersion: number;
  /** When the server last compared the token with the database (epoch seconds). */
  checkedAt: number;
  /** True when that was AUTH_REVALIDATE_SECONDS ago or more (or oddly in the future): not to be decided from. */
  stale: boolean;
  /** When the token expires (epoch seconds), 0 if it says nothing. */
  expiresAt: number;
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");
const count = (value: unknown): number => (typeof value === "number" && Number.isFinite(value) ? value : 0);

/** The token's meaning, or null when it names nobody (no subject). An unknown role is never more than the lowest. */
export function viewOf(token: JWTPayload | null | undefined, now = nowInSeconds()): SessionView | null {
  if (!token || typeof token.sub !== "string" || token.sub === "") return null;
  return {
    user: {
      id: token.sub,
      name: text(token.name),
      email: text(token.email),
      image: typeof token.picture === "string" ? token.picture : null,
      role: isRole(token.role) ? token.role : LOWEST_ROLE,
      verifiedEmail: token.verifiedEmail === true,
    },
    sessionId: text(token.sid),
    methods: authMethodsOf(token.amr),
    signedInAt: count(token.signedInAt),
    sessionVersion: count(token.sessionVersion),
    checkedAt: count(token.checkedAt),
    stale: isStale(token.checkedAt, now),
    expiresAt: count(token.exp),
  };
}

/**
 * The session a request carries, read-only: from its Cookie header, the cookie Auth.js would read, decrypted with
 * the secret list, and what it means. Nothing is re-encrypted or re-set — the Node routes that must write the
 * cookie still do (sign-in, /session/refresh, /api/auth/session, update()).
 */
export async function readSessionView(
  cookieHeader: string | null,
  requestProtocol: string,
  secrets: readonly string[],
): Promise<SessionView | null> {
  const name = sessionCookieName(requestProtocol);
  const value = sessionCookieValue(parseCookieHeader(cookieHeader), name);
  return value ? viewOf(await decodeSessionToken(value, secrets, name)) : null;
}
