// Open redirects, end to end: every route that sends the browser somewhere built from request data, given the
// hostile callbackUrl values of the security review. Each check compares where the browser would land with the
// app's own origin — never with a hard-coded answer.
import http from "node:http";
import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, inject, it } from "vitest";

import { appUrl, hydrated, newPerson, type Person } from "../support/app";
import { freshPagePerTest } from "../support/browser";
import { cookieHeader, postForm, signUpDirect } from "../support/direct";
import { HOSTILE_CALLBACK_URLS } from "../support/hostile-callback-urls";
import { decodeEntities } from "../support/http-session";

const ORIGIN = new URL(appUrl).origin;
// Auth.js's own endpoints answer with absolute URLs built from the request's URL, and Next.js names a loopback
// server `localhost` in that URL (its NextURL maps 127.0.0.1 and [::1] to it). So for a server reached at
// http://127.0.0.1:PORT, Auth.js says http://localhost:PORT/…: the same server and port under its other loopback
// name (a deployed app has one name). For those endpoints, and only those, that name counts as this app too.
const AUTH_JS_ORIGINS = [ORIGIN, ORIGIN.replace(/^(https?:\/\/)(127\.0\.0\.1|\[::1\])(?=:|$)/, "$1localhost")];

const HOSTILE = HOSTILE_CALLBACK_URLS;

/**
 * Where a browser that asked for `requestUrl` goes on this Location: this app's origin, at a plain path (not
 * `//…`, which the next relative link or redirect would read as another host).
 */
function expectStaysHere(location: string | null, requestUrl: string, what: string, origins = [ORIGIN]): URL {
  expect(location, `${what}: no Location`).not.toBeNull();
  const target = new URL(location!, requestUrl);
  expect(origins, `${what}: Location ${JSON.stringify(location)}`).toContain(target.origin);
  expect(target.pathname.startsWith("//"), `${what}: Location ${JSON.stringify(location)}`).toBe(false);
  return target;
}

/** Follows a GET's redirects by hand, a few hops, checking each Location; resolves with the last URL. */
async function followHere(url: string, headers: Record<string, string> = {}, hops = 5): Promise<URL> {
  let current = new URL(url);
  for (let hop = 0; hop < hops; hop += 1) {
    const response = await fetch(current, { redirect: "manual", headers });
    if (response.status < 300 || response.status >= 400) return current;
    current = expectStaysHere(response.headers.get("location"), current.href, `hop ${hop} from ${url}`);
  }
  return current;
}

/** A request whose target goes out exactly as written: `fetch` would normalise `/./` and `..` away first. */
function rawGet(
  target: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; location: string | null }> {
  const { hostname, port } = new URL(appUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, path: target, method: "GET", headers }, (response) => {
      response.resume();
      const location = response.headers.location;
      resolve({ status: response.statusCode ?? 0, location: location ?? null });
    });
    request.on("error", reject);
    request.end();
  });
}

/** Auth.js's CSRF token and its cookie, as a browser holds them before posting to /api/auth/*. */
async function csrf(): Promise<{ token: string; cookie: string }> {
  const response = await fetch(`${appUrl}/api/auth/csrf`);
  return { cookie: cookieHeader(response), token: ((await response.json()) as { csrfToken: string }).csrfToken };
}

let person: Person;

beforeAll(async () => {
  person = newPerson();
  await signUpDirect(person);
});

describe.each(HOSTILE)("callbackUrl %j", (hostile) => {
  const query = `callbackUrl=${encodeURIComponent(hostile)}`;

  it("GET /session/refresh sends the browser back to this origin", async () => {
    const url = `${appUrl}/session/refresh?${query}`;
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(303);
    expectStaysHere(response.headers.get("location"), url, "refresh");
    await followHere(url);
  });

  it("/login and /register render it as a same-origin hidden field", async () => {
    for (const path of ["/login", "/register"]) {
      const url = `${appUrl}${path}?${query}`;
      const html = await (await fetch(url)).text();
      const field = /<input type="hidden" name="callbackUrl" value="([^"]*)"/.exec(html)?.[1];
      expect(field, `${path} has no callbackUrl field`).toBeDefined();
      expectStaysHere(decodeEntities(field!), url, `${path}'s hidden field`);
    }
  });

  it("the sign-in form, posted without JavaScript, redirects to this origin", async () => {
    const response = await postForm("/login", [
      ["email", person.email],
      ["password", person.password],
      ["callbackUrl", hostile],
    ]);
    expect(response.status).toBe(303);
    expect(cookieHeader(response)).toContain("session-token"); // really signed in: the redirect is the success path
    expectStaysHere(response.headers.get("location"), `${appUrl}/login`, "sign-in form");
  });

  // With verification required (the default) a sign-up signs no one in, so it goes nowhere: the page answers in
  // place. Where it does sign in (EMAIL_VERIFICATION=optional), tests/e2e/optional-verification.test.ts follows
  // the same hostile URLs.
  it("the register form, posted without JavaScript, answers in place and goes nowhere", async () => {
    const someone = newPerson();
    const response = await postForm("/register", [
      ["name", someone.name],
      ["email", someone.email],
      ["password", someone.password],
      ["callbackUrl", hostile],
    ]);
    expect(response.status).toBe(200);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain(`Check your inbox: we sent a link to ${someone.email}.`);
  });

  it("POST /api/auth/callback/credentials redirects to this origin", async () => {
    const { token, cookie } = await csrf();
    const response = await fetch(`${appUrl}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        email: person.email,
        password: person.password,
        csrfToken: token,
        callbackUrl: hostile,
      }),
    });
    expect(response.status).toBe(302);
    expect(cookieHeader(response)).toContain("session-token");
    const target = expectStaysHere(
      response.headers.get("location"),
      `${appUrl}/api/auth/callback/credentials`,
      "credentials callback",
      AUTH_JS_ORIGINS,
    );
    expect(target.searchParams.get("error")).toBeNull(); // not Auth.js's error page (its default callback throws on some)
  });

  it("POST /api/auth/signout redirects to this origin", async () => {
    const { token, cookie } = await csrf();
    const response = await fetch(`${appUrl}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: token, callbackUrl: hostile }),
    });
    expect(response.status).toBe(302);
    const target = expectStaysHere(
      response.headers.get("location"),
      `${appUrl}/api/auth/signout`,
      "sign-out",
      AUTH_JS_ORIGINS,
    );
    expect(target.searchParams.get("error")).toBeNull();
  });
});

describe("the middleware", () => {
  it("sends a signed-out visitor of /dashboard to a same-origin /login URL", async () => {
    const response = await fetch(`${appUrl}/dashboard`, { redirect: "manual" });
    expect(response.status).toBe(307);
    const target = expectStaysHere(response.headers.get("location"), `${appUrl}/dashboard`, "guard");
    expect(target.pathname).toBe("/login");
    expectStaysHere(target.searchParams.get("callbackUrl"), target.href, "the callbackUrl it carries");
  });

  const RAW_TARGETS = [
    "//evil.example/dashboard",
    "//evil.example",
    "/.//evil.example",
    "/./\\evil.example",
    "/%2e%2e//evil.example",
    "/dashboard/..//evil.example",
    "/\\evil.example/dashboard",
  ];

  it.each(RAW_TARGETS)("never answers the request target %j with a Location off this origin", async (target) => {
    const asked: Array<Record<string, string>> = [{}, { "sec-fetch-dest": "document", accept: "text/html" }];
    for (const headers of asked) {
      const { status, location } = await rawGet(target, headers);
      expect(status).toBeLessThan(500);
      if (location !== null) {
        const next = expectStaysHere(location, `${ORIGIN}/`, `${target} → ${status}`);
        await followHere(next.href);
      }
    }
  });

  it.each(RAW_TARGETS)(
    "nor with a session due for its database check (the page load goes through /session/refresh): %j",
    async (target) => {
      const checkedAt = Math.floor(Date.now() / 1000) - 100_000; // older than any bound
      const claims = {
        sub: "00000000-0000-4000-8000-000000000001",
        name: "Stale",
        email: "stale@example.test",
        role: "user",
        sessionVersion: 0,
        checkedAt,
      };
      const cookie = `authjs.session-token=${await encode({ token: claims, secret: inject("appSecret"), salt: "authjs.session-token" })}`;
      const headers = { cookie, "sec-fetch-dest": "document", accept: "text/html" };
      const { status, location } = await rawGet(target, headers);
      expect(status).toBeLessThan(500);
      if (location !== null) {
        const next = expectStaysHere(location, `${ORIGIN}/`, `${target} → ${status}`);
        await followHere(next.href, headers);
      }
    },
  );
});

describe("in Chromium", () => {
  const offsite: string[] = [];
  const current = freshPagePerTest(async (context) => {
    // Any request for another origin is recorded and refused: the test fails on it even where DNS would not.
    offsite.length = 0;
    await context.route(
      (url) => url.origin !== ORIGIN,
      (route) => {
        offsite.push(route.request().url());
        return route.abort();
      },
    );
  });

  /** Navigates; a failed navigation (a redirect to evil.example that cannot resolve) fails the test. */
  async function goto(url: string): Promise<void> {
    try {
      await current.page.goto(url);
    } catch (error) {
      throw new Error(`navigating to ${url} failed at ${current.page.url()}: ${(error as Error).message}`);
    }
  }

  it.each(["/.//evil.example", "/%2e%2e//evil.example", "/a/..//evil.example", "/./\\evil.example", "//evil.example"])(
    "GET /session/refresh?callbackUrl=%j ends on this origin",
    async (hostile) => {
      await goto(`${appUrl}/session/refresh?callbackUrl=${encodeURIComponent(hostile)}`);
      expect(new URL(current.page.url()).origin).toBe(ORIGIN);
      expect(offsite).toEqual([]);
    },
  );

  it.each(["/.//evil.example", "/a/..//evil.example"])(
    "signing in with JavaScript, with the hidden callbackUrl tampered to %j, lands on this origin",
    async (hostile) => {
      // The page renders a safe field; an attacker's page could post anything, so the action must check again
      // what it hands the browser to follow with window.location.assign.
      await goto(`${appUrl}/login`);
      await hydrated(current.page);
      await current.page
        .locator('input[name="callbackUrl"]')
        .evaluate((input, value) => ((input as HTMLInputElement).value = value), hostile);
      await current.page.getByLabel("Email").fill(person.email);
      await current.page.getByLabel("Password").fill(person.password);
      await current.page.getByRole("button", { name: "Sign in", exact: true }).click();
      // Either the browser leaves /login (for this origin, or for another: then it was refused and recorded).
      await expect
        .poll(() => offsite.length > 0 || new URL(current.page.url()).pathname !== "/login", { timeout: 15_000 })
        .toBe(true);
      await current.page.waitForLoadState("load");
      expect(new URL(current.page.url()).origin).toBe(ORIGIN);
      expect(offsite).toEqual([]);
    },
  );
});
