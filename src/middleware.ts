// The Edge guard, built from the edge-safe auth.config.ts alone: its secret list, and what a token means.
//
// Why this file is `src/middleware.ts`: Next.js loads the middleware file from the directory that holds `app/`
// (here `src/`); one at the project root is ignored by `next dev`. Why `middleware` and not `proxy`: Next 16
// deprecates the name (the build prints a note saying so), but `proxy.ts` always runs on the Node.js runtime,
// while `middleware.ts` still runs on the Edge runtime — which is the point: a tiny, database-free check in
// front of every request.
//
// It only reads the session. Auth.js's `auth()` wrapper would decrypt the cookie, run the callbacks, make a CSRF
// token and encrypt and re-set a fresh cookie on every request — milliseconds of CPU, and a cookie that could land
// after a sign-out had cleared it. Here the cookie is decrypted once, with a cached key, and only where the
// decision needs it; the Node routes that must write the cookie (sign-in, /session/refresh, /api/auth/session,
// update()) still do, and keep the rolling expiry going.
import type { NextRequest } from "next/server";

import { authConfig } from "auth.config";

import { decide, needsSession, traceOf } from "./features/auth/edge/edge-guard";
import { guardResponse } from "./features/auth/edge/guard-response";
import { readSessionView } from "./features/auth/edge/session-view";
import { authTrace } from "./lib/edge/auth-trace";
import { oversizedBodyRefusal } from "./lib/edge/body-limit";
import { contentSecurityPolicy, newNonce } from "./lib/edge/content-security-policy";

const secrets = authConfig.secret ?? [];

export default async function middleware(request: NextRequest): Promise<Response> {
  // Cheap checks on the raw request first, before any cryptography: a body too big for any form of this app.
  const refusal = oversizedBodyRefusal(request);
  if (refusal) return refusal;

  const readsSession = needsSession(request);
  const session = readsSession
    ? await readSessionView(request.headers.get("cookie"), request.nextUrl.protocol, secrets)
    : null;
  authTrace(
    "token read",
    () => ({ token: !readsSession ? "not read" : session ? (session.stale ? "stale" : "fresh") : "none" }),
    request.headers,
  );
  const decision = decide(request, session);
  authTrace("guard decision", () => traceOf(decision), request.headers);
  return guardResponse(decision, request, contentSecurityPolicy(newNonce()));
}

export const config = {
  // Everything but what needs neither a decision nor a CSP nonce: static files and images, and the JSON routes
  // that answer for themselves — Auth.js's /api/auth/* (which caps its own bodies), /api/health and
  // /.well-known/* (SESSION_FREE_PREFIXES). It must be a literal here, so middleware-matcher.test.ts checks it
  // against the route table instead.
  matcher: [
    "/((?!_next/static|_next/image|api/auth/|api/auth$|api/health/|api/health$|\\.well-known/|\\.well-known$|favicon\\.ico|robots\\.txt|sitemap\\.xml|.*\\.(?:png|jpg|jpeg|gif|svg|webp|ico|css|js|map|woff2?)$).*)",
  ],
};
