import type { JWT } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";

import { authConfig, SESSION_COOKIE_UNREADABLE } from "auth.config";

const { jwt, redirect, session } = authConfig.callbacks;

describe("redirect (where Auth.js may send the browser)", () => {
  const baseUrl = "https://app.example";
  it("keeps same-origin paths and sends everything else home (the rule itself: src/features/auth/edge/callback-url.test.ts)", async () => {
    expect(await redirect({ url: "/profile", baseUrl })).toBe("https://app.example/profile");
    expect(await redirect({ url: "https://app.example/admin", baseUrl })).toBe("https://app.example/admin");
    for (const url of ["/.//evil.example", "//evil.example", "https://evil.example/", "dashboard"]) {
      expect(await redirect({ url, baseUrl })).toBe("https://app.example/");
    }
  });

  it("leaves the Edge guard's decision to src/features/auth/edge/edge-guard.ts (no authorized callback)", () => {
    expect("authorized" in authConfig.callbacks).toBe(false);
  });
});

describe("jwt (edge-safe part)", () => {
  it("copies id, role, session version and device session from the user on sign-in", async () => {
    const user = { id: "u1", name: "Ada", email: "ada@example.com", role: "admin", sessionVersion: 3 };
    const token = await jwt({
      token: { name: "Ada", email: "ada@example.com", picture: null },
      user: { ...user, verifiedEmail: true, sessionId: "device-session-1" },
    } as Parameters<typeof jwt>[0]);
    expect(token).toEqual({
      name: "Ada",
      email: "ada@example.com",
      picture: null,
      sub: "u1",
      role: "admin",
      sessionVersion: 3,
      verifiedEmail: true,
      sid: "device-session-1",
      signedInAt: expect.any(Number),
      checkedAt: expect.any(Number),
    });
    expect(Math.abs((token as { checkedAt: number }).checkedAt - Date.now() / 1000)).toBeLessThan(5);
    expect(token?.signedInAt).toBe(token?.checkedAt);
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
      verifiedEmail: true,
      secretish: "must not leak",
    };
    const result = await session({
      session: { user: {}, expires: "2099-01-01T00:00:00.000Z" },
      token,
    } as unknown as Parameters<typeof session>[0]);
    expect(result.user).toEqual({
      id: "u1",
      name: "Ada",
      email: "ada@example.com",
      image: "https://img.example/a.png",
      role: "admin",
      verifiedEmail: true,
    });
    expect(result).toMatchObject({ sessionVersion: 2, checkedAt: 1_700_000_000 });
    expect(JSON.stringify(result)).not.toContain("must not leak");
  });

  it("never turns an unknown role into anything but user", async () => {
    const result = await session({
      session: { user: {}, expires: "x" },
      token: { sub: "u1", role: "root" },
    } as unknown as Parameters<typeof session>[0]);
    expect(result.user.role).toBe("user");
  });
});

describe("logger: a session cookie no secret opens", () => {
  // What a restart with a new secret, or a rotation that dropped the old one, leaves in a browser. Auth.js's own
  // /api/auth/session meets it, clears it, and logs through authConfig.logger: one warning line, never an error.
  it("is one warning line through Auth.js's real session endpoint, and the browser is signed out", async () => {
    const { Auth } = await import("@auth/core");
    const { encode } = await import("next-auth/jwt");
    const cookieName = "authjs.session-token";
    const stale = await encode({
      token: { sub: "u1", name: "Ada" },
      secret: "a-secret-from-before-the-restart-0123456789",
      salt: cookieName,
    });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const response = await Auth(
        new Request("http://app.test/api/auth/session", { headers: { cookie: `${cookieName}=${stale}` } }),
        {
          ...authConfig,
          secret: "the-secret-of-this-run-0123456789abcdefghij",
          trustHost: true,
          basePath: "/api/auth",
        },
      );
      expect(await response.json()).toBeNull(); // signed out
      expect(response.headers.getSetCookie().join("\n")).toMatch(new RegExp(`${cookieName}=;`)); // cleared
      expect(warn.mock.calls).toEqual([[`[auth] ${SESSION_COOKIE_UNREADABLE}`]]);
      expect(error).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });
});
