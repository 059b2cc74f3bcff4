// The Edge guard, built from the edge-safe auth.config.ts alone.
//
// Why this file is `src/middleware.ts`: Next.js loads the middleware file from the directory that holds `app/`
// (here `src/`); one at the project root is ignored by `next dev`. Why `middleware` and not `proxy`: Next 16
// deprecates the name (the build prints a note saying so), but `proxy.ts` always runs on the Node.js runtime,
// while `middleware.ts` still runs on the Edge runtime — which is the point: a tiny, database-free check in
// front of every request.
import NextAuth, { type NextAuthRequest } from "next-auth";
import type { NextFetchEvent, NextMiddleware, NextRequest } from "next/server";
import { authConfig } from "../auth.config";
import { decide } from "@/features/auth/edge-guard";
import { guardResponse } from "@/features/auth/guard-response";
import { oversizedBodyRefusal } from "@/lib/body-limit";
import { contentSecurityPolicy, newNonce } from "@/lib/content-security-policy";

// Typed as middleware (request and event), so TypeScript picks the middleware overload of `auth`, not a route's.
type AuthMiddleware = (request: NextAuthRequest, event: NextFetchEvent) => ReturnType<NextMiddleware>;

const respond: AuthMiddleware = (request) => guardResponse(decide(request, request.auth), request, contentSecurityPolicy(newNonce()));

// Auth.js decrypts the session cookie (and re-sets it, for the rolling expiry), then calls `respond` with the
// session as `request.auth`.
const guard = NextAuth(authConfig).auth(respond);

export default function middleware(request: NextRequest, event: NextFetchEvent): ReturnType<NextMiddleware> {
  // Step 1: cheap checks on the raw request, before Auth.js decrypts the cookie, so a request refused here costs
  // no cryptography: a body too big for any form or endpoint of this app is refused at the door.
  const refusal = oversizedBodyRefusal(request);
  if (refusal) return refusal;

  // Step 2: the session, the guard's decision, and the response with this request's CSP nonce.
  return guard(request, event);
}

export const config = {
  // Everything but static files: they need no decision, and skipping them keeps the guard off the hot path.
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|robots\\.txt|sitemap\\.xml|.*\\.(?:png|jpg|jpeg|gif|svg|webp|ico|css|js|map|woff2?)$).*)"],
};
