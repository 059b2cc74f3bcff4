// Two app instances on two ports over one PostgreSQL database (through the Neon driver and the relay, as in
// production), and what happens when that database goes away and comes back.
import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readsOf, ROUTES, type RouteEntry } from "@/config/routes";
import { openDatabase } from "@/db";

import { arrivedAt, newPerson, register, signIn, signOutEverywhere, startApp, type RunningApp } from "../support/app";
import { ADMIN_EMAIL, ADMIN_NAME } from "../support/app-server";
import { launchBrowser } from "../support/browser";
import { cookieHeader, postForm, signUpDirect } from "../support/direct";
import { actionFields, browserCookies, sessionCookie, signInDirect } from "../support/http-session";
import { databaseUrlFor, onAdminDatabase } from "../support/postgres";
import { ageBrowserSessions, ageCookieHeader } from "../support/session-clock";

const BOUND_SECONDS = 10; // never waited out: the tests move the sessions' clocks (../support/session-clock.ts)
const database = `e2e_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
const databaseUrl = databaseUrlFor(database);
const onAdmin = onAdminDatabase;

// vitest.config.ts runs this only when the PostgreSQL server is reachable (and fails the run under CI=true if not).
describe.skipIf(process.env.E2E_POSTGRES !== "true")("on PostgreSQL", () => {
  let first: RunningApp;
  let second: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    await onAdmin(`create database "${database}"`);
    await (await openDatabase({ databaseUrl, migrate: true })).close();
    const secret = randomBytes(32).toString("base64");
    const env = { DATABASE_URL: databaseUrl, AUTH_REVALIDATE_SECONDS: String(BOUND_SECONDS) };
    first = await startApp({ env, secret });
    [second, browser] = await Promise.all([
      startApp({ env, secret, seed: false, adminPassword: first.adminPassword }),
      launchBrowser(),
    ]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([first?.stop(), second?.stop()]);
    await onAdmin(`alter database "${database}" allow_connections true`);
    await onAdmin(`drop database if exists "${database}" with (force)`);
  });

  describe("two instances, one PostgreSQL database", () => {
    it("a session made on one is valid on the other", async () => {
      const person = newPerson();
      const cookie = (await signUpDirect(person, first.url)).map((header) => header.split(";")[0]).join("; ");
      const me = await fetch(`${second.url}/api/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ email: person.email });
    });

    it("the throttle counts attempts made on both", async () => {
      const person = newPerson();
      await signUpDirect(person, first.url);
      for (let i = 0; i < 10; i += 1) {
        const app = i % 2 === 0 ? first : second;
        const response = await postForm(
          "/login",
          [
            ["email", person.email],
            ["password", `wrong password number ${i}`],
          ],
          app.url,
        );
        expect(await response.text()).toContain("Invalid email or password.");
      }
      for (const app of [first, second]) {
        const response = await postForm(
          "/login",
          [
            ["email", person.email],
            ["password", person.password],
          ],
          app.url,
        );
        expect(await response.text()).toContain("Too many attempts. Try again in 15 minutes.");
      }
    });

    it("sign out of all devices on one ends the session on the other within the bound", async () => {
      const person = newPerson();
      const here = await (await browser.newContext()).newPage();
      await register(here, person, first.url);
      const elsewhere = await (await browser.newContext()).newPage();
      await signIn(elsewhere, person.email, person.password, second.url);
      await arrivedAt(elsewhere, `${second.url}/dashboard`);

      await here.goto(`${first.url}/settings/devices`);
      await signOutEverywhere(here);
      await ageBrowserSessions([elsewhere.context()], second.url, second.secret, BOUND_SECONDS + 1);
      await elsewhere.goto(`${second.url}/dashboard`);
      expect(new URL(elsewhere.url()).pathname).toBe("/login");
      await here.context().close();
      await elsewhere.context().close();
    });
  });

  describe("a database outage", () => {
    it("keeps signed-in people browsing, answers clearly, and recovers without a restart", async () => {
      const member = newPerson("Ada Lovelace");
      const signedUp = (await signUpDirect(member, first.url)).map((header) => header.split(";")[0]).join("; ");
      const stranger = newPerson();
      const profileForm = await actionFields("/profile", signedUp, first.url); // the page open before the outage
      const adminCookie = await sessionCookie(ADMIN_EMAIL, first.adminPassword, first.url);
      // The database goes away: no new connections, and every open one is cut.
      await onAdmin(`alter database "${database}" allow_connections false`);
      await onAdmin(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${database}'`);
      // The member's token is due for a check that cannot happen now.
      const memberCookie = await ageCookieHeader(signedUp, first.secret, BOUND_SECONDS + 1);
      const page = await (await browser.newContext()).newPage();
      await page.context().addCookies(browserCookies(memberCookie, first.url));

      // Signed-in people keep browsing protected pages: the session needs no query.
      expect((await page.goto(`${first.url}/dashboard`))?.status()).toBe(200);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Welcome, Ada Lovelace");
      expect((await fetch(`${first.url}/api/me`, { headers: { cookie: memberCookie } })).status).toBe(200);

      // The health check says so within ~2 s.
      const started = performance.now();
      const health = await fetch(`${first.url}/api/health`);
      expect(health.status).toBe(503);
      expect(performance.now() - started).toBeLessThan(3_000);

      // A page that reads its own data says it cannot, in place of the form.
      expect((await page.goto(`${first.url}/profile`))?.status()).toBe(200);
      expect(await page.getByRole("alert").filter({ hasText: "Service temporarily unavailable." }).count()).toBe(1);
      expect(await page.getByRole("button", { name: "Save" }).count()).toBe(0);

      // Every page that reads data, opened by the admin (who may open them all), and every API that reads.
      await expectOutageAnswers({ app: first, browser, adminCookie, memberCookie });

      // Sign-in, sign-up and profile save say "Service temporarily unavailable"; the API path answers 503.
      const signInPost = await postForm(
        "/login",
        [
          ["email", member.email],
          ["password", member.password],
        ],
        first.url,
      );
      expect(signInPost.status).toBeLessThan(500);
      expect(await signInPost.text()).toContain("Service temporarily unavailable.");
      const signUpPost = await postForm(
        "/register",
        [
          ["name", stranger.name],
          ["email", stranger.email],
          ["password", stranger.password],
        ],
        first.url,
      );
      expect(signUpPost.status).toBeLessThan(500);
      expect(await signUpPost.text()).toContain("Service temporarily unavailable.");
      const profilePost = await postForm(
        "/profile",
        [
          ["name", "Changed During Outage"],
          ["image", ""],
        ],
        first.url,
        memberCookie,
        profileForm,
      );
      expect(profilePost.status).toBeLessThan(500);
      expect(await profilePost.text()).toContain("Service temporarily unavailable.");
      const api = await signInDirect(member.email, member.password, first.url);
      expect(api.status).toBe(503);
      expect(await api.json()).toMatchObject({ error: "service_unavailable" });

      // The database comes back: everything works again, without restarting the app.
      await onAdmin(`alter database "${database}" allow_connections true`);
      const deadline = Date.now() + 15_000;
      while ((await fetch(`${first.url}/api/health`)).status !== 200 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 250));
      expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
      const again = await postForm(
        "/login",
        [
          ["email", member.email],
          ["password", member.password],
        ],
        first.url,
      );
      expect(again.status).toBe(303);
      const fresh = cookieHeader(again);
      const saved = await postForm(
        "/profile",
        [
          ["name", "Back Again"],
          ["image", ""],
        ],
        first.url,
        fresh,
      );
      expect(await saved.text()).toContain("Profile saved");
      // Nothing was half-done: the stranger was not created, the outage edit was not saved.
      const strangerSignIn = await postForm(
        "/login",
        [
          ["email", stranger.email],
          ["password", stranger.password],
        ],
        first.url,
      );
      expect(await strangerSignIn.text()).toContain("Invalid email or password.");
      // The save refreshed the session cookie (its response carries the new token).
      const afterSave = cookieHeader(saved);
      expect(afterSave).toContain("session-token");
      const me = await (await fetch(`${first.url}/api/auth/session`, { headers: { cookie: afterSave } })).json();
      expect(me.user.name).toBe("Back Again");
      await page.context().close();
    });
  });
});

/**
 * What every route that reads data answers while the database is away. A page: Next's 500 (an App Router page
 * cannot choose 503, see src/app/error.tsx) with "Service temporarily unavailable", the navbar still showing who is
 * signed in, the settings area's navigation still there, and no stack trace; /profile answers in place of its form
 * instead (200: a form posted without JavaScript gets its answer on the page). An API: 503 with Retry-After.
 */
async function expectOutageAnswers({
  app,
  browser,
  adminCookie,
  memberCookie,
}: {
  app: RunningApp;
  browser: Browser;
  adminCookie: string;
  memberCookie: string;
}): Promise<void> {
  const entries: RouteEntry[] = Object.values(ROUTES);
  const context = await browser.newContext();
  try {
    await context.addCookies(browserCookies(adminCookie, app.url));
    const page = await context.newPage();
    for (const route of entries.filter((entry) => !entry.api && readsOf(entry) > 0)) {
      const response = await page.goto(`${app.url}${route.path}`);
      const main = page.locator("main");
      expect(await page.getByTestId("nav-user-name").textContent(), route.path).toBe(ADMIN_NAME);
      expect(await main.innerText(), route.path).not.toMatch(/\bat \S+ \(|digest|Error:/);
      if (route === ROUTES.profile) {
        expect(response?.status(), route.path).toBe(200);
        continue;
      }
      expect(response?.status(), route.path).toBe(500);
      await main.getByRole("heading", { name: "Service temporarily unavailable" }).waitFor();
      if (route.path.startsWith(`${ROUTES.settings.path}/`))
        await page.getByRole("navigation", { name: "Settings" }).waitFor();
    }
  } finally {
    await context.close();
  }
  for (const route of entries.filter((entry) => entry.api && readsOf(entry) > 0)) {
    // POST /api/token is minted (same origin only); the others are read.
    const minted = route === ROUTES.accessToken;
    const response = await fetch(`${app.url}${route.path}`, {
      method: minted ? "POST" : "GET",
      headers: { cookie: memberCookie, ...(minted ? { origin: app.url } : {}) },
    });
    expect(response.status, route.path).toBe(503);
    expect(Number(response.headers.get("retry-after")), route.path).toBeGreaterThan(0);
    expect(await response.json(), route.path).toMatchObject({ error: "service_unavailable" });
  }
}
