// The Devices and Recent activity pages of the settings area, in Chromium, on a server of its own with the lowest
// bound (AUTH_REVALIDATE_SECONDS=10). The tests never wait the bound out: they move the sessions' clocks past it
// (../support/session-clock.ts). The absolute lifetime is tested on a PostgreSQL database the test can reach too,
// so it can move a device session's sign-in back by SESSION_MAX_AGE_DAYS instead of waiting a month.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDatabase } from "@/db";

import {
  arrivedAt,
  confirmDestructive,
  hydrated,
  newPerson,
  register,
  signedInTwice,
  signIn,
  startApp,
  type RunningApp,
} from "../support/app";
import { axeFindings } from "../support/axe";
import { launchBrowser } from "../support/browser";
import { reactHydrated } from "../support/every-page";
import { sessionCookie } from "../support/http-session";
import { navbarSignOut } from "../support/navbar";
import { databaseUrlFor, onAdminDatabase } from "../support/postgres";
import {
  ageBrowserSessions,
  rewriteBrowserSession,
  rewriteCookieHeader,
  sessionTokenIn,
} from "../support/session-clock";

const BOUND_SECONDS = 10;
const MAX_AGE_DAYS = 30;
const DAY_SECONDS = 86_400;
const SERVER_ENV = { AUTH_REVALIDATE_SECONDS: String(BOUND_SECONDS), SESSION_MAX_AGE_DAYS: String(MAX_AGE_DAYS) };
const nowInSeconds = () => Math.floor(Date.now() / 1000);

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  return context.newPage();
}

const deviceList = (page: Page) => page.getByRole("list", { name: "Signed-in devices" });
const thisDevice = (page: Page) => deviceList(page).getByRole("listitem").filter({ hasText: "This device" });
const otherDevices = (page: Page) => deviceList(page).getByRole("listitem").filter({ hasNotText: "This device" });
const activity = (page: Page) => page.getByRole("list", { name: "Security events" }).getByRole("listitem");

/** When a row of the list signed in, as its <time dateTime> says. */
const signedInAt = (row: Locator) => row.locator("time").first().getAttribute("datetime");

/** What the page's first device row calls its device. */
const deviceOf = async (row: Locator) => (await row.locator("p").first().innerText()).replace("This device", "").trim();

/** Signs out the other device listed on `page` by its own button; resolves with its name once answered. */
async function signOutOtherDevice(page: Page): Promise<string> {
  const device = await deviceOf(otherDevices(page));
  await otherDevices(page)
    .getByRole("button", { name: `Sign out ${device}` })
    .first() // two browsers of one kind: either
    .click();
  await page
    .getByRole("status")
    .filter({ hasText: `Signed out ${device}.` })
    .waitFor();
  return device;
}

async function openDevices(page: Page, app: RunningApp): Promise<void> {
  await page.goto(`${app.url}/settings/devices`);
  await hydrated(page);
}

async function openActivity(page: Page, app: RunningApp): Promise<void> {
  await page.goto(`${app.url}/settings/activity`);
  await reactHydrated(page);
}

/** Saves the profile; resolves with what the form answered. */
async function saveProfile(page: Page, app: RunningApp, name: string): Promise<string> {
  await page.goto(`${app.url}/profile`);
  await reactHydrated(page);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Save" }).click();
  const answer = page.locator("main").getByRole("alert").or(page.locator("main").getByRole("status"));
  await answer.first().waitFor();
  return (await answer.first().textContent()) ?? "";
}

async function expectSignedOut(page: Page, app: RunningApp): Promise<void> {
  await page.goto(`${app.url}/dashboard`);
  expect(new URL(page.url()).pathname).toBe("/login");
}

describe("Devices and Recent activity in the settings area", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ env: SERVER_ENV });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  /** The sessions of `pages`, as they will be once the bound has passed. */
  const afterTheBound = (...pages: Page[]) =>
    ageBrowserSessions(
      pages.map((page) => page.context()),
      app.url,
      app.secret,
      BOUND_SECONDS + 1,
    );

  it("two browsers of one person list each other, each marking itself as This device", async () => {
    const [here, elsewhere] = await signedInTwice(newPage, newPerson(), app.url);
    await openDevices(here, app);
    await openDevices(elsewhere, app);
    for (const page of [here, elsewhere]) {
      expect(await deviceList(page).getByRole("listitem").count()).toBe(2);
      expect(await thisDevice(page).count()).toBe(1);
      await thisDevice(page)
        .getByRole("button", { name: /^Sign out this device/ })
        .waitFor();
      await otherDevices(page)
        .getByRole("button", { name: /^Sign out / })
        .waitFor();
    }
    // Each marks the other's row as the other device: the same two sign-ins, the other way round.
    expect(await signedInAt(thisDevice(here))).toBe(await signedInAt(otherDevices(elsewhere)));
    expect(await signedInAt(otherDevices(here))).toBe(await signedInAt(thisDevice(elsewhere)));
    expect(await signedInAt(thisDevice(here))).not.toBe(await signedInAt(thisDevice(elsewhere)));
  });

  it("signing out the other device: it cannot write at once, is signed out within the bound, and Recent activity says so", async () => {
    const [here, elsewhere] = await signedInTwice(newPage, newPerson(), app.url);
    await elsewhere.goto(`${app.url}/profile`);
    await openDevices(here, app);
    const device = await signOutOtherDevice(here);
    await expect.poll(() => deviceList(here).getByRole("listitem").count()).toBe(1);
    const thisOne = await deviceOf(thisDevice(here));

    // At once, inside the bound: a write checks the device session in the database — and ends it in that browser
    // too, which lands on sign in, told why.
    expect(await saveProfile(elsewhere, app, "Written By A Revoked Device")).toBe(
      "Your session has ended. Please sign in again.",
    );
    expect(new URL(elsewhere.url()).pathname).toBe("/login");
    expect(await elsewhere.getByTestId("nav-user-name").count()).toBe(0);
    await afterTheBound(elsewhere);
    await expectSignedOut(elsewhere, app);

    await openActivity(here, app);
    const events = activity(here);
    await events.filter({ hasText: `Signed out a device: ${device}` }).waitFor();
    expect(await events.filter({ hasText: /^Signed in/ }).count()).toBe(2);
    expect(await events.first().textContent()).toContain(`Signed out a device: ${device}`); // newest first
    // Where it was done from: this browser.
    expect(await events.first().textContent()).toContain(`on ${thisOne}`);
  });

  it("the Devices page has no axe violation, light or dark, with an answer and a dialog open", async () => {
    const person = newPerson();
    const [here] = await signedInTwice(newPage, person, app.url);
    const third = await newPage(); // one other device is left after the sign-out, for the dialog
    await signIn(third, person.email, person.password, app.url);
    await arrivedAt(third, `${app.url}/dashboard`);
    await openDevices(here, app);
    await signOutOtherDevice(here);
    for (const colorScheme of ["light", "dark"] as const) {
      await here.emulateMedia({ colorScheme });
      expect(await axeFindings(here)).toEqual([]);
    }
    await here.getByRole("button", { name: "Sign out of all other devices" }).click();
    await here.getByRole("alertdialog", { name: "Sign out of all other devices?" }).waitFor();
    expect(await axeFindings(here)).toEqual([]);
  });

  it("sign out of all other devices keeps this one", async () => {
    const person = newPerson();
    const [here, elsewhere] = await signedInTwice(newPage, person, app.url);
    const third = await newPage();
    await signIn(third, person.email, person.password, app.url);
    await arrivedAt(third, `${app.url}/dashboard`);
    await openDevices(here, app);
    expect(await deviceList(here).getByRole("listitem").count()).toBe(3);
    await confirmDestructive(here, "Sign out of all other devices");
    await here.getByRole("status").filter({ hasText: "Signed out 2 other devices." }).waitFor();
    await expect.poll(() => deviceList(here).getByRole("listitem").count()).toBe(1);
    expect(await thisDevice(here).count()).toBe(1);

    expect(await saveProfile(elsewhere, app, "Not Allowed")).toBe("Your session has ended. Please sign in again.");
    expect(await saveProfile(here, app, "Still Here")).toBe("Profile saved");
    await afterTheBound(here, elsewhere, third);
    await expectSignedOut(elsewhere, app);
    await expectSignedOut(third, app);
    await openActivity(here, app);
    expect(new URL(here.url()).pathname).toBe("/settings/activity");
    await activity(here).filter({ hasText: "Signed out of all other devices" }).waitFor();
  });

  it("works without JavaScript: a plain form post signs the other device out", async () => {
    const person = newPerson();
    const [, elsewhere] = await signedInTwice(newPage, person, app.url);
    const context = await browser.newContext({ javaScriptEnabled: false });
    contexts.push(context);
    const plain = await context.newPage();
    await context.addCookies(await elsewhere.context().cookies(app.url));
    await plain.goto(`${app.url}/settings/devices`);
    // This browser now holds elsewhere's cookie: the other row is the registering browser's.
    const device = await deviceOf(otherDevices(plain));
    await otherDevices(plain)
      .getByRole("button", { name: `Sign out ${device}` })
      .click();
    await plain
      .getByRole("status")
      .filter({ hasText: `Signed out ${device}.` })
      .waitFor();
    expect(await deviceList(plain).getByRole("listitem").count()).toBe(1);
  });

  it("sign-out replay: a copy of the cookie taken before Sign out is refused by a write at once, by a read after the bound", async () => {
    const page = await newPage();
    await register(page, newPerson(), app.url);
    const copied = await page.context().cookies(app.url);
    await page.waitForLoadState("networkidle");
    await navbarSignOut(page);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" }).waitFor();

    const replay = await newPage();
    await replay.context().addCookies(copied);
    expect(await saveProfile(replay, app, "Replayed")).toBe("Your session has ended. Please sign in again.");
    await afterTheBound(replay);
    expect((await replay.context().request.get(`${app.url}/api/me`)).status()).toBe(401);
    await expectSignedOut(replay, app);
  });

  it("a session past SESSION_MAX_AGE_DAYS is refused by its token while in use", async () => {
    const page = await newPage();
    await register(page, newPerson(), app.url);
    const ended = nowInSeconds() - MAX_AGE_DAYS * DAY_SECONDS - 60;
    // Used a moment ago, but signed in a lifetime ago: the next check (once the bound has passed) ends it.
    await rewriteBrowserSession(page.context(), app.url, app.secret, (token) => ({
      ...token,
      signedInAt: ended,
      checkedAt: nowInSeconds() - BOUND_SECONDS - 1,
    }));
    expect((await page.context().request.get(`${app.url}/api/me`)).status()).toBe(401);
    await expectSignedOut(page, app);
  });

  it("a cookie the server renews near the end of the lifetime expires with the session, not a month later", async () => {
    const person = newPerson();
    await signedInTwice(newPage, person, app.url);
    const signedIn = nowInSeconds() - MAX_AGE_DAYS * DAY_SECONDS + 3600; // an hour left
    const cookie = await rewriteCookieHeader(
      await sessionCookie(person.email, person.password, app.url),
      app.secret,
      (token) => ({
        ...token,
        signedInAt: signedIn,
      }),
    );
    const response = await fetch(`${app.url}/api/auth/session`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const renewed = await sessionTokenIn(response.headers.getSetCookie().join(", "), app.secret);
    expect(renewed?.signedInAt).toBe(signedIn);
    expect(renewed?.exp).toBeLessThanOrEqual(signedIn + MAX_AGE_DAYS * DAY_SECONDS);
    expect(renewed?.exp).toBeGreaterThan(nowInSeconds());
  });
});

const database = `e2e_devices_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
const databaseUrl = databaseUrlFor(database);

describe.skipIf(process.env.E2E_POSTGRES !== "true")("the absolute lifetime, on a database the test can reach", () => {
  let app: RunningApp;
  let db: Awaited<ReturnType<typeof openDatabase>>;

  beforeAll(async () => {
    await onAdminDatabase(`create database "${database}"`);
    db = await openDatabase({ databaseUrl, migrate: true });
    app = await startApp({ env: { ...SERVER_ENV, DATABASE_URL: databaseUrl } });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await db?.close();
    await onAdminDatabase(`drop database if exists "${database}" with (force)`);
  });

  it("a session in use is refused once SESSION_MAX_AGE_DAYS have passed since its sign-in: a write at once, a read at the next check", async () => {
    const page = await newPage();
    await register(page, newPerson(), app.url);
    const token = await sessionTokenIn(
      (await page.context().cookies(app.url)).map(({ name, value }) => `${name}=${value}`).join("; "),
      app.secret,
    );
    const ended = nowInSeconds() - MAX_AGE_DAYS * DAY_SECONDS - 60;
    // A month ago by the database's row and by the token; checked a moment ago, as a session in use is.
    await db.db.execute(
      sql`update device_sessions set created_at = to_timestamp(${ended}) where id = ${String(token?.sid)}`,
    );
    await rewriteBrowserSession(page.context(), app.url, app.secret, (current) => ({
      ...current,
      signedInAt: ended,
      checkedAt: nowInSeconds(),
    }));
    expect(await saveProfile(page, app, "Too Late")).toBe("Your session has ended. Please sign in again.");
    await ageBrowserSessions([page.context()], app.url, app.secret, BOUND_SECONDS + 1);
    expect((await page.context().request.get(`${app.url}/api/me`)).status()).toBe(401);
    await expectSignedOut(page, app);
  });
});
