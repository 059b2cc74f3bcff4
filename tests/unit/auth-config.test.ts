import type { Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { authConfig } from "../../auth.config";

const { authorized, jwt, redirect, session } = authConfig.callbacks;

function sessionOf(role: "user" | "admin"): Session {
  const checkedAt = Math.floor(Date.now() / 1000);
  return { user: { id: "u1", name: "Ada", email: "ada@example.com", image: null, role }, expires: "2099-01-01T00:00:00.000Z", sessionVersion: 1, checkedAt };
}

async function decide(path: string, auth: Session | null) {
  const request = new NextRequest(`https://app.example${path}`);
  return authorized({ auth, request } as Parameters<typeof authorized>[0]);
}

describe("authorized (the Edge guard)", () => {
  it("lets anyone through public pages", async () => {
    expect(await decide("/", null)).toBe(true);
    expect(await decide("/api/health", null)).toBe(true);
  });

  it("redirects signed-out page requests to /login with the path (and query) as callbackUrl", async () => {
    const response = (await decide("/settings?tab=security", null)) as Response;
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location")!);
    expect(location.origin + location.pathname).toBe("https://app.example/login");
    expect(location.searchParams.get("callbackUrl")).toBe("/settings?tab=security");
  });

  it("answers signed-out API requests with 401 JSON", async () => {
    const response = (await decide("/api/me", null)) as Response;
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "unauthorized", message: "Sign in to use this endpoint." });
  });

  it("lets signed-in people through their pages", async () => {
    for (const path of ["/dashboard", "/profile", "/settings", "/api/me"]) expect(await decide(path, sessionOf("user"))).toBe(true);
  });

  it("gives a signed-in non-admin the 403 page at /admin, and an admin the page", async () => {
    const response = (await decide("/admin", sessionOf("user"))) as Response;
    expect(response.status).toBe(403);
    expect(response.headers.get("x-middleware-rewrite")).toBe("https://app.example/forbidden");
    expect(await decide("/admin", sessionOf("admin"))).toBe(true);
  });

  it("sends signed-in people from /login and /register to /dashboard", async () => {
    for (const path of ["/login", "/register"]) {
      const response = (await decide(path, sessionOf("user"))) as Response;
      expect(new URL(response.headers.get("location")!).pathname).toBe("/dashboard");
    }
    expect(await decide("/login", null)).toBe(true);
  });
});

describe("redirect (where Auth.js may send the browser)", () => {
  const baseUrl = "https://app.example";
  it("keeps same-origin paths and sends everything else home (the rule itself: src/features/auth/callback-url.test.ts)", async () => {
    expect(await redirect({ url: "/profile", baseUrl })).toBe("https://app.example/profile");
    expect(await redirect({ url: "https://app.example/admin", baseUrl })).toBe("https://app.example/admin");
    for (const url of ["/.//evil.example", "//evil.example", "https://evil.example/", "dashboard"]) {
      expect(await redirect({ url, baseUrl })).toBe("https://app.example/");
    }
  });
});

describe("jwt (edge-safe part)", () => {
  it("copies id, role and session version from the user on sign-in", async () => {
    const token = await jwt({
      token: { name: "Ada", email: "ada@example.com", picture: null },
      user: { id: "u1", name: "Ada", email: "ada@example.com", role: "admin", sessionVersion: 3 },
    } as Parameters<typeof jwt>[0]);
    expect(token).toEqual({ name: "Ada", email: "ada@example.com", picture: null, sub: "u1", role: "admin", sessionVersion: 3, checkedAt: expect.any(Number) });
    expect(Math.abs((token as { checkedAt: number }).checkedAt - Date.now() / 1000)).toBeLessThan(5);
  });

  it("returns the token unchanged on later calls", async () => {
    const before: JWT = { sub: "u1", role: "user", sessionVersion: 1, name: "Ada" };
    expect(await jwt({ token: { ...before } } as Parameters<typeof jwt>[0])).toEqual(before);
  });
});

describe("session (reads only the token)", () => {
  it("maps the token's fields to session.user (plus the version and check time, for the server) and nothing else", async () => {
    const token: JWT = {
      sub: "u1",
      name: "Ada",
      email: "ada@example.com",
      picture: "https://img.example/a.png",
      role: "admin",
      sessionVersion: 2,
      checkedAt: 1_700_000_000,
      secretish: "must not leak",
    };
    const result = await session({ session: { user: {}, expires: "2099-01-01T00:00:00.000Z" }, token } as unknown as Parameters<typeof session>[0]);
    expect(result.user).toEqual({ id: "u1", name: "Ada", email: "ada@example.com", image: "https://img.example/a.png", role: "admin" });
    expect(result).toMatchObject({ sessionVersion: 2, checkedAt: 1_700_000_000 });
    expect(JSON.stringify(result)).not.toContain("must not leak");
  });

  it("never turns an unknown role into anything but user", async () => {
    const result = await session({ session: { user: {}, expires: "x" }, token: { sub: "u1", role: "root" } } as unknown as Parameters<typeof session>[0]);
    expect(result.user.role).toBe("user");
  });
});
