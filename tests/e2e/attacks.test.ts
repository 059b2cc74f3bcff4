// What a security reviewer tries first: forged and tampered session cookies, guessing passwords, and the headers.
import { encode } from "next-auth/jwt";
import { describe, expect, inject, it } from "vitest";

import { appUrl, newPerson } from "../support/app";
import { signUpDirect } from "../support/direct";

const COOKIE = "authjs.session-token";
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);
const adminClaims = () => ({
  sub: "00000000-0000-4000-8000-000000000000",
  name: "Mallory",
  email: "m@example.com",
  role: "admin",
  sessionVersion: 1,
  checkedAt: now(),
});

async function validCookieValue(): Promise<string> {
  return encode({ token: adminClaims(), secret: inject("appSecret"), salt: COOKIE });
}

const forgeries: Array<[string, () => Promise<string>]> = [
  ["garbage", async () => "not-a-token"],
  ["an empty value", async () => ""],
  ["a truncated token", async () => (await validCookieValue()).slice(0, -20)],
  [
    "a token with a flipped byte",
    async () => {
      const value = await validCookieValue();
      const i = Math.floor(value.length / 2);
      return value.slice(0, i) + (value[i] === "A" ? "B" : "A") + value.slice(i + 1);
    },
  ],
  [
    "a token encrypted with another secret",
    async () => encode({ token: adminClaims(), secret: "s".repeat(44), salt: COOKIE }),
  ],
  [
    "an expired token",
    async () =>
      encode({ token: { ...adminClaims(), exp: now() - 60 }, secret: inject("appSecret"), salt: COOKIE, maxAge: -60 }),
  ],
  ["an unsigned alg:none JWT", async () => `${b64({ alg: "none", typ: "JWT" })}.${b64(adminClaims())}.`],
  [
    "an HS256 JWT signed with a guessable key",
    async () => `${b64({ alg: "HS256", typ: "JWT" })}.${b64(adminClaims())}.c2lnbmF0dXJl`,
  ],
  ["a 4 kB cookie", async () => "a".repeat(4_000)],
];

describe("forged session cookies", () => {
  it.each(forgeries)("%s: signed out everywhere, never a 500", async (_label, forge) => {
    const cookie = `${COOKIE}=${await forge()}`;
    const page = await fetch(`${appUrl}/dashboard`, { headers: { cookie }, redirect: "manual" });
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toMatch(/\/login\?callbackUrl=%2Fdashboard$/);
    const admin = await fetch(`${appUrl}/admin`, { headers: { cookie }, redirect: "manual" });
    expect(admin.status).toBe(307);
    const api = await fetch(`${appUrl}/api/me`, { headers: { cookie } });
    expect(api.status).toBe(401);
    const session = await fetch(`${appUrl}/api/auth/session`, { headers: { cookie } });
    expect(session.status).toBe(200);
    expect(await session.json()).toBeNull();
  });

  it("control: the same claims encrypted with the real secret are accepted (the forgeries failed for a reason)", async () => {
    const cookie = `${COOKIE}=${await validCookieValue()}`;
    const api = await fetch(`${appUrl}/api/me`, { headers: { cookie } });
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ role: "admin", name: "Mallory" });
  });
});

describe("guessing passwords", () => {
  it("throttles an email after 10 failures: the form says so, the right password is refused too, the API answers 429", async () => {
    const person = newPerson();
    await signUpDirect(person);

    const csrf = async () => {
      const response = await fetch(`${appUrl}/api/auth/csrf`);
      // The middleware and the handler may both set the CSRF cookie; like a browser, keep the last of each name.
      const cookies = new Map(
        response.headers.getSetCookie().map((c) => c.split(";")[0]!.split(/=(.*)/s) as [string, string]),
      );
      return {
        token: (await response.json()).csrfToken as string,
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; "),
      };
    };
    const attempt = async (password: string) => {
      const { token, cookie } = await csrf();
      return fetch(`${appUrl}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: person.email, password, csrfToken: token }),
      });
    };
    for (let i = 0; i < 10; i += 1) {
      const failed = await attempt(`wrong password number ${i}`);
      expect(failed.status).toBe(302);
      expect(failed.headers.get("location"), await failed.text()).toContain("error=CredentialsSignin");
    }
    const throttled = await attempt(person.password);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await throttled.json()).toEqual({
      error: "too_many_attempts",
      message: "Too many attempts. Try again in 15 minutes.",
    });
  });
});

describe("headers and cookies", () => {
  it("sends the security headers: a nonce-based CSP (no inline scripts, no eval in production)", async () => {
    const response = await fetch(appUrl);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'(;|$)/);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp.split(";").find((directive) => directive.trim().startsWith("script-src"))).not.toContain(
      "unsafe-inline",
    );
    // One policy, from the middleware: a second (static) one would be enforced as well.
    expect(response.headers.get("content-security-policy")).not.toContain(",");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  it("sets the session cookie HttpOnly and SameSite=Lax", async () => {
    const person = newPerson();
    const setCookie = await signUpDirect(person);
    const session = setCookie.find((cookie) => cookie.startsWith(`${COOKIE}=`));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
  });
});
