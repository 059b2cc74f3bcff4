// The Edge guard's decision: an optimistic first check, made from what the session cookie means
// (./session-view.ts). Every page, action and API handler checks again on the server. Pure and edge-safe — it
// answers what to do, not a Response — so src/middleware.ts can put on every response what the request needs
// (the CSP nonce, the 403 rewrite included), and the rules are tested without a server.
import type { NextRequest } from "next/server";

import { admission, FORBIDDEN_PATH, HOME_AFTER_SIGN_IN, REFRESH_PATH, routeFor, SIGN_IN_PATH } from "@/config/routes";

import { safeCallbackUrl } from "./callback-url";
import type { SessionView } from "./session-view";

export type GuardDecision =
  | { kind: "allow" }
  | { kind: "redirect"; location: URL }
  | { kind: "unauthorized" } // an API request without a session: 401 JSON
  | { kind: "api-forbidden" } // an API request signed in without the role: 403 JSON
  | { kind: "forbidden"; page: URL }; // a page request signed in without the role: the 403 page, in place (a rewrite)

export type GuardRequest = Pick<NextRequest, "method" | "headers" | "nextUrl">;

const ALLOW: GuardDecision = { kind: "allow" };

/**
 * Whether the guard needs the session at all: for the routes it protects and the guest-only pages, and for a page
 * load anywhere (whose stale token it sends to be refreshed). A client navigation, prefetch or API call to a
 * public route is let through without reading the cookie.
 */
export function needsSession(request: GuardRequest): boolean {
  return (routeFor(request.nextUrl.pathname)?.access.kind ?? "public") !== "public" || isPageLoad(request);
}

export function decide(request: GuardRequest, session: SessionView | null): GuardDecision {
  const { nextUrl } = request;
  const user = session?.user;
  // A token whose last database check is older than the bound is not decided from here (docs/architecture.md,
  // "Sessions"): a page load goes through the Node runtime, which re-checks and writes a fresh cookie, and comes back;
  // anything else (API calls, client navigations, posts) goes on to the server-side check, which re-checks.
  if (user && session.stale && nextUrl.pathname !== REFRESH_PATH) {
    return isPageLoad(request) ? { kind: "redirect", location: comingBackTo(REFRESH_PATH, nextUrl) } : ALLOW;
  }
  // The route table's rule (src/config/routes.ts), as the pages' and API handlers' server-side checks read it.
  const route = routeFor(nextUrl.pathname);
  switch (admission(route, user?.role ?? null)) {
    case "allow":
      return ALLOW;
    case "already-signed-in":
      return { kind: "redirect", location: new URL(HOME_AFTER_SIGN_IN, nextUrl) };
    case "sign-in":
      return route?.api
        ? { kind: "unauthorized" }
        : { kind: "redirect", location: comingBackTo(SIGN_IN_PATH, nextUrl) };
    case "forbidden":
      return route?.api ? { kind: "api-forbidden" } : { kind: "forbidden", page: new URL(FORBIDDEN_PATH, nextUrl) };
  }
}

/** `path` on this origin, with the requested path as its callbackUrl — request data, so held to the one rule. */
function comingBackTo(path: string, nextUrl: URL): URL {
  const url = new URL(path, nextUrl);
  url.searchParams.set("callbackUrl", safeCallbackUrl(`${nextUrl.pathname}${nextUrl.search}`));
  return url;
}

/** A browser loading a page (not a client-side navigation, a prefetch, an API call or a form post). */
function isPageLoad(request: Pick<GuardRequest, "method" | "headers">): boolean {
  const headers = request.headers;
  if (request.method !== "GET" || headers.has("rsc") || headers.has("next-router-prefetch")) return false;
  const destination = headers.get("sec-fetch-dest");
  return destination ? destination === "document" : (headers.get("accept") ?? "").includes("text/html");
}

/** A decision in words, for the auth trace (src/lib/edge/auth-trace.ts): its kind, and where it sends the request. */
export function traceOf(decision: GuardDecision): Record<string, string> {
  if (decision.kind === "redirect")
    return { decision: "redirect", to: `${decision.location.pathname}${decision.location.search}` };
  if (decision.kind === "forbidden") return { decision: "forbidden", to: decision.page.pathname };
  return { decision: decision.kind };
}
