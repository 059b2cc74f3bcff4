// The server-side check behind the Edge guard (the Data Access Layer). The middleware is optimistic — it can be
// bypassed, as the 2025 middleware advisory showed — so every protected page, action and API handler asks here
// again before it reads or writes anything. Reading the session costs no database query: it is the JWT.
import "server-only";

import type { Session } from "next-auth";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";

import { auth } from "auth";
import { authConfig } from "auth.config";
import type { AuthMethod } from "@/config/auth-methods";
import {
  admission,
  checksRoleLive,
  SIGN_IN_PATH,
  signInPath,
  type ProtectedApi,
  type ProtectedPage,
} from "@/config/routes";
import type { User } from "@/db/schema";
import { API_REFUSALS } from "@/features/auth/edge/api-refusals";
import { sessionCookieName } from "@/features/auth/edge/session-token";
import { readSessionView, type SessionView } from "@/features/auth/edge/session-view";
import { SESSION_ENDED_CODE } from "@/features/auth/shared/messages";
import { liveSessionUser } from "@/features/devices/server/device-session";
import { authTrace, traceStep } from "@/lib/edge/auth-trace";
import { describeError } from "@/lib/edge/describe-error";
import { serviceUnavailable } from "@/lib/server/json-error";

export type SessionUser = Session["user"];

/**
 * The session as the server sees it: what Auth.js's session callback exposes, plus the device session it belongs
 * to — kept out of that callback, so /api/auth/session does not hand it to the page's scripts.
 */
export type ServerSession = Session & { sessionId: string; methods: AuthMethod[]; signedInAt: number };

/**
 * The session, asked once per request (React `cache`), however many components ask. A token checked within the
 * bound is read as the Edge guard reads it — decrypted, nothing re-encrypted — and means the same
 * (./session-view.ts). A stale one goes through Auth.js's `auth()`, whose jwt callback re-checks it against the
 * database (src/features/auth/server/revalidate.ts).
 */
export const currentSession = cache(async (): Promise<ServerSession | null> => {
  const view = await requestSessionView();
  authTrace("currentSession", () => ({
    token: view ? (view.stale ? "stale: auth()" : "fresh: read directly") : "none",
  }));
  if (!view) return null;
  if (!view.stale) return sessionOf(view);
  const session = await auth();
  return session?.user?.id
    ? { ...session, sessionId: view.sessionId, methods: view.methods, signedInAt: view.signedInAt }
    : null;
});

/**
 * The session token the request carries, decrypted and read — nothing checked against the database, whatever its
 * age. The Cookie header the request came with, as Auth.js reads it: a session set during this request (a server
 * action signing in) is not the one its own re-render shows; the next request carries it.
 */
async function requestSessionView(): Promise<SessionView | null> {
  const requestHeaders = await headers();
  return readSessionView(requestHeaders.get("cookie"), requestProtocol(requestHeaders), authConfig.secret ?? []);
}

/** The protocol the request came in by, as Auth.js works it out on the server (https unless told http). */
function requestProtocol(requestHeaders: Headers): string {
  const forwarded = requestHeaders.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return forwarded === "http" ? "http:" : "https:";
}

/** The session object Auth.js's session callback makes of the same token (its `expires`: the token's own). */
function sessionOf(view: SessionView): ServerSession {
  const { user, sessionId, methods, signedInAt, sessionVersion, checkedAt, expiresAt } = view;
  const expires = new Date(expiresAt * 1000).toISOString();
  return { user, sessionId, methods, signedInAt, sessionVersion, checkedAt, expires };
}

/**
 * The session a page is drawn with: the root layout hands it to the navbar. The request's (currentSession), except
 * after a server action of this request refreshed the same device session's token (a profile saved without
 * JavaScript): Next renders the page after an action with the cookies the action wrote (`cookies()`, not the
 * Cookie header), so the navbar shows the new name at once. A token of someone else, or none (the action signed
 * in or out), is not drawn by that re-render: the session provider, keyed by the person, would remount the page,
 * and the form would lose the answer that sends the browser on. The next request carries it.
 */
export async function sessionToRender(): Promise<ServerSession | null> {
  const session = await currentSession();
  if (!session) return null;
  const [requestHeaders, renderCookies] = await Promise.all([headers(), cookies()]);
  const secrets = authConfig.secret ?? [];
  const written = await readSessionView(renderCookies.toString(), requestProtocol(requestHeaders), secrets);
  const refreshed = written && !written.stale && written.sessionId === session.sessionId;
  return refreshed && written.user.id === session.user.id ? sessionOf(written) : session;
}

/** The signed-in person, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  return (await currentSession())?.user ?? null;
}

/**
 * For pages: the person `route` admits. Signed out: the sign-in page, coming back here; signed in below the
 * route's minimum role: the 403 page. The same rule, read from the same entry, as the Edge guard's. A page above
 * the lowest role (/admin) reads the role from the database too (one statement): a demoted admin, or one whose
 * session was ended, is refused at once rather than within AUTH_REVALIDATE_SECONDS.
 */
export async function requirePage(route: ProtectedPage): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(signInPath(route.path));
  if (admission(route, user.role) !== "allow") forbidden();
  if (!checksRoleLive(route)) return user;
  const live = await verifiedUser();
  if (!live || admission(route, live.role) !== "allow") forbidden();
  return { ...user, role: live.role };
}

/**
 * For API handlers: `handle` runs for the person `route` admits; anyone else gets the JSON refusal (401 signed
 * out, 403 below the minimum role) — the answers the Edge guard gives from the same entry. Like requirePage, an
 * API above the lowest role checks the role as the database has it now (one statement, checksRoleLive).
 */
export function withApiUser<A extends unknown[]>(
  route: ProtectedApi,
  handle: (user: SessionUser, ...args: A) => Promise<Response>,
) {
  return async (...args: A): Promise<Response> => {
    const user = await currentUser();
    if (!user) return unauthorized();
    const refusal = belowRole(route, user.role);
    if (refusal || !checksRoleLive(route)) return refusal ?? handle(user, ...args);
    // The database could not say what the role is now: not a 401 or 403 (it may well be enough), a 503.
    const live = await orUnavailable("live role check", verifiedUser);
    if (live instanceof Response) return live;
    if (!live) return unauthorized();
    return belowRole(route, live.role) ?? handle({ ...user, role: live.role }, ...args);
  };
}

/** What `check` (a look-up in the database) found, or the 503 an API answers when the database could not say. */
async function orUnavailable<T>(what: string, check: () => Promise<T>): Promise<T | Response> {
  try {
    return await check();
  } catch (error) {
    console.error(`[auth] ${what} failed: ${describeError(error)}`);
    return serviceUnavailable();
  }
}

/** The 403 an API answers someone signed in below `route`'s minimum role, or null when the role is enough. */
function belowRole(route: ProtectedApi, role: SessionUser["role"]): Response | null {
  return admission(route, role) === "allow" ? null : Response.json(API_REFUSALS[403], { status: 403 });
}

/** A device session as the database has it at this moment: its person's row (the role as it is now), and its id. */
export interface LiveSession {
  user: User;
  sessionId: string;
}

/**
 * For API handlers whose answer outlives a revocation — POST /api/token mints a token nobody can take back for
 * its lifetime: `handle` runs only for a device session live at this moment, with the person's role as it is
 * now (the route's minimum role checked against that), whatever the token's age. One statement: a stale token is
 * not re-checked by `auth()` first, since this is that check. Refusals are withApiUser's (401, 403).
 */
export function withLiveApiUser<A extends unknown[]>(
  route: ProtectedApi,
  handle: (live: LiveSession, ...args: A) => Promise<Response>,
) {
  return async (...args: A): Promise<Response> => {
    const view = await requestSessionView();
    if (!view) return unauthorized();
    // The database could not say whether the session is live: not a 401 (the session may well be), a 503.
    const user = await orUnavailable("live session check", () =>
      traceStep(
        "withLiveApiUser",
        () => liveSessionUser(view.user.id, view.sessionId),
        (row) => ({ user: row ? "found" : "none" }),
      ),
    );
    if (user instanceof Response) return user;
    if (!user || user.sessionVersion !== view.sessionVersion) return unauthorized();
    return belowRole(route, user.role) ?? handle({ user, sessionId: view.sessionId }, ...args);
  };
}

/**
 * For server actions and handlers that change data: the signed-in person as the database has them now, or null
 * when the session was revoked (signed out, password changed, signed out everywhere, account deleted) even if
 * its token has not been re-checked yet. One statement (which also moves the device's "last seen"); plain reads
 * never call this.
 */
export async function verifiedUser(): Promise<User | null> {
  const session = await currentSession();
  if (!session) return null;
  const user = await traceStep(
    "verifiedUser",
    () => liveSessionUser(session.user.id, session.sessionId),
    (row) => ({ user: row ? "found" : "none" }),
  );
  return user && user.sessionVersion === session.sessionVersion ? user : null;
}

/**
 * What a data-changing action does when verifiedUser() finds the session revoked or gone: it ends the session in
 * this browser too — the session cookie cleared, the browser sent to sign in, which says why — instead of leaving
 * the page and the navbar signed in until the token's next re-check. With JavaScript the router follows the
 * redirect (and the navbar, keyed by the person, turns signed-out); without, it is a 303.
 */
export async function sessionEnded(): Promise<never> {
  const [jar, requestHeaders] = await Promise.all([cookies(), headers()]);
  const name = sessionCookieName(requestProtocol(requestHeaders));
  // Auth.js splits a large token into name.0, name.1, …: each chunk the browser sent goes too.
  const chunks = jar.getAll().filter((cookie) => cookie.name.startsWith(`${name}.`));
  for (const cookie of [{ name }, ...chunks])
    jar.set(cookie.name, "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax", secure: name.startsWith("__") });
  redirect(`${SIGN_IN_PATH}?code=${SESSION_ENDED_CODE}`);
}

/** For API handlers: the JSON errors every API answers with (401 unauthorized, 403 forbidden). */
export function unauthorized(): Response {
  return Response.json(API_REFUSALS[401], { status: 401 });
}
