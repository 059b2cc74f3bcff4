// The sign-in between its two steps. A right password for an account with two-factor on makes no session: it
// makes a pending sign-in — a row keyed by the SHA-256 of a random token, and the token in an httpOnly cookie —
// and sends the browser to /login/two-factor. Only a right code for that row finishes it, through the same
// Credentials `authorize` (./second-step.ts), which opens the session then.
//
// The row is single-use (deleted when it finishes), lives PENDING_SIGN_IN_SECONDS, allows TWO_FACTOR_ATTEMPTS
// wrong codes, and dies with the account's session version (a password reset, "sign out everywhere").
import "server-only";

import { createHash, randomBytes } from "node:crypto";

import type { AuthMethod } from "@/config/auth-methods";
import { createPendingSignIn } from "@/db/two-factor";
import { parseCookieHeader } from "@/features/auth/edge/session-token";

/** How long a pending sign-in waits for its code. */
export const PENDING_SIGN_IN_SECONDS = 5 * 60;
/** Wrong codes a pending sign-in allows; then it ends and the person signs in again. */
export const TWO_FACTOR_ATTEMPTS = 5;
/** A signed-in person's own re-sign-in (after a password change) is used within the same request. */
const HANDOVER_SECONDS = 60;

/**
 * The cookie's name. `__Host-` over https: sent only to this exact host over https, with path "/", so neither a
 * sibling subdomain nor a plain-http page can plant or read one.
 */
const pendingCookieName = (secure: boolean): string => (secure ? "__Host-pending-sign-in" : "pending-sign-in");

/** Where authorize writes the cookie: Next's cookie store in the app, a recorder in tests. */
export interface CookieWriter {
  set(
    name: string,
    value: string,
    options: { httpOnly: true; secure: boolean; sameSite: "lax"; path: "/"; maxAge: number },
  ): void | Promise<void>;
}

/** 256 random bits, base64url: the cookie's value. */
const newToken = (): string => randomBytes(32).toString("base64url");
/** What the database keeps of a token: a copy of the table finishes no sign-in. */
export const tokenHash = (token: string): string => createHash("sha256").update(token).digest("base64url");

/** Whether this request arrived over https, as Auth.js decides for its own cookies: AUTH_URL first. */
function isSecureRequest(headers: Headers, authUrl = process.env.AUTH_URL): boolean {
  if (authUrl) return new URL(authUrl).protocol === "https:";
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim() !== "http";
}

/** The pending sign-in token the request's cookie carries, if any. */
export function pendingTokenOf(headers: Headers): string | undefined {
  const name = pendingCookieName(isSecureRequest(headers));
  return parseCookieHeader(headers.get("cookie")).find((cookie) => cookie.name === name)?.value || undefined;
}

interface PendingFor {
  user: { id: string; sessionVersion: number };
  methods: AuthMethod[];
  now: Date;
}

/** After the password: a pending sign-in that needs a code, and its cookie on the response. */
export async function startPendingSignIn(
  { user, methods, now }: PendingFor,
  { headers, cookies }: { headers: Headers; cookies: CookieWriter },
): Promise<void> {
  const token = newToken();
  await createPendingSignIn(
    {
      tokenHash: tokenHash(token),
      userId: user.id,
      sessionVersion: user.sessionVersion,
      methods,
      awaitingCode: true,
      expiresAt: new Date(now.getTime() + PENDING_SIGN_IN_SECONDS * 1000),
    },
    now,
  );
  const secure = isSecureRequest(headers);
  await cookies.set(pendingCookieName(secure), token, {
    httpOnly: true,
    secure,
    sameSite: "lax",
    path: "/",
    maxAge: PENDING_SIGN_IN_SECONDS,
  });
}

/** Ends the cookie (the row is gone or finished). */
export async function clearPendingCookie({ headers, cookies }: { headers: Headers; cookies: CookieWriter }) {
  const secure = isSecureRequest(headers);
  await cookies.set(pendingCookieName(secure), "", { httpOnly: true, secure, sameSite: "lax", path: "/", maxAge: 0 });
}

/**
 * A signed-in person's own re-sign-in, without asking for the code again: a password change ends every session,
 * this one included, and the server signs this browser back in with the methods its session was made with. The
 * token never leaves the server (it goes straight into signIn's credentials) and works once, for a minute.
 */
export async function startHandover({ user, methods, now }: PendingFor): Promise<string> {
  const token = newToken();
  await createPendingSignIn(
    {
      tokenHash: tokenHash(token),
      userId: user.id,
      sessionVersion: user.sessionVersion,
      methods,
      awaitingCode: false,
      expiresAt: new Date(now.getTime() + HANDOVER_SECONDS * 1000),
    },
    now,
  );
  return token;
}
