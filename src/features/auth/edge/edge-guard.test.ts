import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";

import { ROLES, type Role } from "@/config/roles";
import { admission, ROUTES, type RouteEntry } from "@/config/routes";

import { decide, needsSession, type GuardDecision } from "./edge-guard";
import { viewOf, type SessionView } from "./session-view";
import { nowInSeconds } from "./staleness";

/** What a token of this role, last checked at `checkedAt`, means (the one reading every layer shares). */
function sessionOf(role: Role, checkedAt = nowInSeconds()): SessionView {
  return viewOf({
    sub: "u1",
    name: "Ada",
    email: "ada@example.com",
    picture: null,
    role,
    sessionVersion: 1,
    checkedAt,
  })!;
}

function requestFor(path: string, init: { method?: string; headers?: Record<string, string> } = {}): NextRequest {
  return new NextRequest(`https://app.example${path}`, {
    method: init.method ?? "GET",
    headers: init.headers ?? { "sec-fetch-dest": "document" },
  });
}

/** A browser's page load (sec-fetch-dest: document), unless other headers are given. */
function decideFor(
  path: string,
  session: SessionView | null,
  init: { method?: string; headers?: Record<string, string> } = {},
): GuardDecision {
  return decide(requestFor(path, init), session);
}

function redirectOf(decision: GuardDecision): URL {
  if (decision.kind !== "redirect") throw new Error(`expected a redirect, got ${decision.kind}`);
  return decision.location;
}

describe("decide (the Edge guard)", () => {
  it("lets anyone through public pages", () => {
    expect(decideFor("/", null)).toEqual({ kind: "allow" });
    expect(decideFor("/api/health", null)).toEqual({ kind: "allow" });
  });

  it("redirects signed-out page requests to /login with the path (and query) as callbackUrl", () => {
    const location = redirectOf(decideFor("/settings?tab=security", null));
    expect(location.origin + location.pathname).toBe("https://app.example/login");
    expect(location.searchParams.get("callbackUrl")).toBe("/settings?tab=security");
  });

  it("answers signed-out API requests with 401", () => {
    expect(decideFor("/api/me", null)).toEqual({ kind: "unauthorized" });
  });

  it("lets signed-in people through their pages", () => {
    for (const path of ["/dashboard", "/profile", "/settings", "/api/me"])
      expect(decideFor(path, sessionOf("user"))).toEqual({ kind: "allow" });
  });

  it("gives a signed-in non-admin the 403 page at /admin, and an admin the page", () => {
    expect(decideFor("/admin", sessionOf("user"))).toEqual({
      kind: "forbidden",
      page: new URL("https://app.example/forbidden"),
    });
    expect(decideFor("/admin", sessionOf("admin"))).toEqual({ kind: "allow" });
  });

  it("sends signed-in people from /login and /register to /dashboard", () => {
    for (const path of ["/login", "/register"])
      expect(redirectOf(decideFor(path, sessionOf("user"))).href).toBe("https://app.example/dashboard");
    expect(decideFor("/login", null)).toEqual({ kind: "allow" });
  });

  describe("with a stale token (last checked longer ago than the bound)", () => {
    const stale = () => sessionOf("user", nowInSeconds() - 100_000);

    it("sends a page load through /session/refresh, coming back to the same path", () => {
      const location = redirectOf(decideFor("/admin?tab=users", stale()));
      expect(location.origin + location.pathname).toBe("https://app.example/session/refresh");
      expect(location.searchParams.get("callbackUrl")).toBe("/admin?tab=users");
    });

    it("leaves everything else to the server-side check: posts, client navigations, prefetches, API calls", () => {
      expect(decideFor("/admin", stale(), { method: "POST" })).toEqual({ kind: "allow" });
      expect(decideFor("/admin", stale(), { headers: { rsc: "1" } })).toEqual({ kind: "allow" });
      expect(decideFor("/admin", stale(), { headers: { "next-router-prefetch": "1" } })).toEqual({ kind: "allow" });
      expect(decideFor("/api/me", stale(), { headers: { "sec-fetch-dest": "empty" } })).toEqual({ kind: "allow" });
    });

    it("takes a page load without sec-fetch-dest by its Accept header", () => {
      expect(decideFor("/dashboard", stale(), { headers: { accept: "text/html" } }).kind).toBe("redirect");
      expect(decideFor("/dashboard", stale(), { headers: { accept: "application/json" } })).toEqual({ kind: "allow" });
    });

    it("never writes a callbackUrl that would leave the origin, whatever path was asked for", () => {
      // `//evil.example/x` is a public path here (a 404), but as a callbackUrl it would name another host.
      const location = redirectOf(decideFor("//evil.example/x", stale()));
      expect(location.origin + location.pathname).toBe("https://app.example/session/refresh");
      expect(location.searchParams.get("callbackUrl")).toBe("/dashboard");
    });

    it("decides /session/refresh itself as usual (no loop)", () => {
      expect(decideFor("/session/refresh?callbackUrl=%2Fadmin", stale())).toEqual({ kind: "allow" });
    });
  });

  describe("reads the session only where it decides something", () => {
    it("for every guarded route and guest-only page, whatever the request", () => {
      for (const path of ["/dashboard", "/admin/x", "/api/me", "/login", "/register"]) {
        expect(needsSession(requestFor(path, { headers: { rsc: "1" } }))).toBe(true);
      }
    });

    it("for a page load anywhere (a stale token is sent to be refreshed), and never for other requests to public routes", () => {
      expect(needsSession(requestFor("/"))).toBe(true);
      expect(needsSession(requestFor("/", { headers: { rsc: "1" } }))).toBe(false);
      expect(needsSession(requestFor("/", { headers: { "next-router-prefetch": "1" } }))).toBe(false);
      expect(needsSession(requestFor("/api/other", { headers: { "sec-fetch-dest": "empty" } }))).toBe(false);
      expect(needsSession(requestFor("/", { method: "POST" }))).toBe(false);
    });
  });

  describe("decides every entry of the route table by the rule the server-side checks apply", () => {
    const entries = Object.entries(ROUTES) as Array<[string, RouteEntry]>;

    /** What the guard must answer, given the shared rule: the guard only chooses the form of the answer. */
    function expected(entry: RouteEntry, role: Role | null): GuardDecision["kind"] {
      const verdict = admission(entry, role);
      if (verdict === "allow") return "allow";
      if (verdict === "forbidden") return entry.api ? "api-forbidden" : "forbidden";
      if (verdict === "sign-in" && entry.api) return "unauthorized";
      return "redirect";
    }

    it.each(entries)("ROUTES.%s, for the signed-out and for every role", (_name, entry) => {
      for (const role of [null, ...ROLES]) {
        const decision = decideFor(
          `${entry.path}/below`,
          role === null ? null : sessionOf(role),
          entry.api ? { headers: { "sec-fetch-dest": "empty" } } : {},
        );
        expect({ role, kind: decision.kind }).toEqual({ role, kind: expected(entry, role) });
      }
    });
  });
});
