// /admin as an admin uses it, on a server of its own whose embedded database starts with 60 accounts (written
// straight into it before the server opens it): paging 50 at a time, the search, a bad page link, signing a person
// out everywhere (their next write is refused), and that person's activity.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDatabase } from "@/db";

import { arrivedAt, newPerson, register, signIn, startApp, type RunningApp } from "../support/app";
import { ADMIN_EMAIL, ADMIN_NAME } from "../support/app-server";
import { launchBrowser } from "../support/browser";

const SEEDED = 60;
let app: RunningApp;
let browser: Browser;
let dataDir: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "e2e-admin-"));
  const database = await openDatabase({ databaseUrl: "", pgliteDir: dataDir, migrate: true });
  try {
    // Older than the seeded admin, so they fill the first page; created a microsecond apart in pairs (ties).
    await database.db.execute(sql`
      insert into users (email, name, password_hash, created_at)
      select 'seeded-' || lpad(i::text, 2, '0') || '@example.test', 'Seeded ' || lpad(i::text, 2, '0'), 'x',
             timestamptz '2001-01-01 00:00:00+00' + (i / 2) * interval '1 microsecond'
      from generate_series(1, ${SEEDED}) as i`);
  } finally {
    await database.close();
  }
  [app, browser] = await Promise.all([startApp({ pgliteDir: dataDir }), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await app?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  return context.newPage();
}

async function signedInAdmin(): Promise<Page> {
  const page = await newPage();
  await signIn(page, ADMIN_EMAIL, app.adminPassword, app.url);
  await arrivedAt(page, `${app.url}/dashboard`);
  return page;
}

const bodyRows = (page: Page) => page.locator("tbody tr");
const pager = (page: Page) => page.getByRole("navigation", { name: "Pages of users" });
const names = (page: Page) => page.locator("tbody tr td:first-child").allTextContents();

describe("/admin with more accounts than a page holds", () => {
  let admin: Page;
  beforeAll(async () => {
    admin = await signedInAdmin();
  });

  it("shows 50 a page, oldest first, with Next and Previous links that neither repeat nor skip anyone", async () => {
    await admin.goto(`${app.url}/admin`);
    const seeded = Array.from({ length: SEEDED }, (_, i) => `Seeded ${String(i + 1).padStart(2, "0")}`);
    expect(await bodyRows(admin).count()).toBe(50);
    const first = await names(admin);
    expect(await pager(admin).getByRole("link", { name: "Previous page" }).count()).toBe(0);

    await pager(admin).getByRole("link", { name: "Next page" }).click();
    await arrivedAt(admin, (url) => url.searchParams.has("cursor"));
    await admin.getByRole("cell", { name: ADMIN_NAME, exact: true }).waitFor();
    const second = await names(admin);
    expect(second).toHaveLength(SEEDED + 1 - 50);
    expect(await pager(admin).getByRole("link", { name: "Next page" }).count()).toBe(0);
    // Pairs share created_at to the microsecond: the id orders them, so compare as sets within each pair.
    expect([...first, ...second].slice(0, SEEDED).sort()).toEqual(seeded);
    expect(second.at(-1)).toBe(ADMIN_NAME);

    const later = admin.url();
    await pager(admin).getByRole("link", { name: "Previous page" }).click();
    await arrivedAt(admin, (url) => url.href !== later);
    await admin.getByRole("cell", { name: "Seeded 01", exact: true }).waitFor();
    expect(await names(admin)).toEqual(first);
  });

  it("searches by the start of an email or a name, in any case, and pages within the results", async () => {
    await admin.goto(`${app.url}/admin`);
    await admin.getByLabel("Search by email or name").fill("SEEDED 0");
    await admin.getByRole("button", { name: "Search" }).click();
    await arrivedAt(admin, (url) => url.searchParams.get("q") === "SEEDED 0");
    await admin.getByRole("table", { name: "Users whose email or name starts with “SEEDED 0”" }).waitFor();
    expect((await names(admin)).sort()).toEqual(Array.from({ length: 9 }, (_, i) => `Seeded 0${i + 1}`));

    await admin.getByLabel("Search by email or name").fill("seeded-");
    await admin.getByRole("button", { name: "Search" }).click();
    await arrivedAt(admin, (url) => url.searchParams.get("q") === "seeded-");
    expect(await bodyRows(admin).count()).toBe(50);
    await pager(admin).getByRole("link", { name: "Next page" }).click();
    await arrivedAt(admin, (url) => url.searchParams.has("cursor") && url.searchParams.get("q") === "seeded-");
    await admin.getByRole("cell", { name: "Seeded 60", exact: true }).waitFor();
    expect(await bodyRows(admin).count()).toBe(SEEDED - 50);

    // "_" is a wildcard in LIKE; here it means itself, so "seeded-5_" matches no one (not seeded-50 … 59).
    await admin.goto(`${app.url}/admin?q=${encodeURIComponent("seeded-5_")}`);
    await admin.getByText("No one's email or name starts with that.").waitFor();
  });

  it("answers a page link it did not write with the first page and a message, not an error", async () => {
    const response = await admin.goto(`${app.url}/admin?cursor=${"A".repeat(40)}&events=not-an-id`);
    expect(response?.status()).toBe(200);
    await admin
      .getByRole("alert")
      .filter({ hasText: "That page link is not valid. Showing the first page." })
      .waitFor();
    await admin.getByRole("alert").filter({ hasText: "That account no longer exists." }).waitFor();
    expect(await bodyRows(admin).count()).toBe(50);
  });
});

describe("signing a person out everywhere", () => {
  it("ends their session at its next write, and shows in their activity as done by an admin", async () => {
    const person = newPerson("Target Tess");
    const target = await newPage();
    await register(target, person, app.url);
    await target.goto(`${app.url}/profile`);
    await target.waitForLoadState("networkidle");

    const admin = await signedInAdmin();
    await admin.goto(`${app.url}/admin?q=${encodeURIComponent(person.email)}`);
    const row = admin.getByRole("row").filter({ hasText: person.email });
    expect(await row.getByRole("cell").nth(3).textContent()).toBe("1"); // live sessions
    await admin.waitForLoadState("networkidle"); // hydrated: the button asks before it submits
    await row.getByRole("button", { name: "Sign out everywhere" }).click();
    const dialog = admin.getByRole("alertdialog", { name: "Sign Target Tess out of every device?" });
    await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
    await row.getByRole("status").filter({ hasText: "Target Tess is signed out everywhere." }).waitFor();
    await expect.poll(() => row.getByRole("cell").nth(3).textContent()).toBe("0");

    // Their browser still holds its token, but the next write asks the database and is refused.
    await target.getByLabel("Name", { exact: true }).fill("Written After The Sign-Out");
    await target.getByRole("button", { name: "Save" }).click();
    await target.getByRole("alert").filter({ hasText: "Your session has ended." }).waitFor();

    await row.getByRole("link", { name: "Activity of Target Tess" }).click();
    await arrivedAt(admin, (url) => url.searchParams.has("events"));
    const activity = admin.getByRole("region", { name: "Activity of Target Tess" });
    await activity.waitFor();
    const events = await activity.getByRole("listitem").allTextContents();
    expect(events[0]).toContain("Signed out of all devices by an admin");
    expect(events.some((event) => event.startsWith("Signed in") && !event.includes("by an admin"))).toBe(true);
    expect(await admin.getByRole("link", { name: "Activity of Target Tess" }).getAttribute("aria-current")).toBe(
      "true",
    );
  });

  it("asks first: Cancel changes nothing", async () => {
    const admin = await signedInAdmin();
    await admin.goto(`${app.url}/admin?q=seeded-01`);
    await admin.waitForLoadState("networkidle");
    await admin.getByRole("button", { name: "Sign out everywhere" }).click();
    await admin.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
    await admin.getByRole("alertdialog").waitFor({ state: "hidden" });
    expect(await admin.getByRole("status").count()).toBe(0);
  });
});
