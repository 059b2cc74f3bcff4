// Revocation and bounded staleness, on a server of its own. Its bound (AUTH_REVALIDATE_SECONDS) is the lowest
// allowed, and the tests never wait it out: they move the sessions' clocks past it (../support/session-clock.ts).
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import {
  arrivedAt,
  confirmDestructive,
  hydrated,
  newPerson,
  register,
  settingsForm,
  signedInTwice,
  signIn,
  signOutEverywhere,
  startApp,
  type RunningApp,
} from "../support/app";
import { launchBrowser } from "../support/browser";
import { signUpDirect } from "../support/http-session";
import { ageBrowserSessions, rewriteBrowserSession } from "../support/session-clock";
import { postSettingsForm } from "../support/two-factor";

const BOUND_SECONDS = 10;
let app: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([
    startApp({ env: { AUTH_REVALIDATE_SECONDS: String(BOUND_SECONDS) } }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await app?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  return context.newPage();
}

/** Every open browser's session, as it will be once the bound has passed. */
const afterTheBound = () => ageBrowserSessions(contexts, app.url, app.secret, BOUND_SECONDS + 1);

/** /settings/account's Password section (the Email section has a "Current password" field too). */
const passwordForm = (page: Page) => settingsForm(page, "Password");

async function expectSignedOut(page: Page): Promise<void> {
  await page.goto(`${app.url}/dashboard`);
  expect(new URL(page.url()).pathname).toBe("/login");
}

describe("revoking sessions", () => {
  it("change password: this browser stays signed in, the other is signed out within the bound", async () => {
    const person = newPerson();
    const [here, elsewhere] = await signedInTwice(newPage, person, app.url);
    await here.goto(`${app.url}/settings/account`);
    await passwordForm(here).getByLabel("Current password").fill(person.password);
    await passwordForm(here).getByLabel("New password").fill("a brand new passphrase 42");
    await here.getByRole("button", { name: "Change password" }).click();
    await here.getByRole("status").filter({ hasText: "Password changed." }).waitFor();

    await afterTheBound();
    await here.goto(`${app.url}/dashboard`);
    expect(new URL(here.url()).pathname).toBe("/dashboard");
    await expectSignedOut(elsewhere);
    // And the old password no longer works.
    await signIn(elsewhere, person.email, person.password, app.url);
    await elsewhere.locator("form").getByRole("alert").filter({ hasText: "Invalid email or password." }).waitFor();
  });

  it("refuses a wrong current password, and a new one that is too short, with field errors", async () => {
    const person = newPerson();
    const [here] = await signedInTwice(newPage, person, app.url);
    await here.goto(`${app.url}/settings/account`);
    await passwordForm(here).getByLabel("Current password").fill("not my password at all");
    await passwordForm(here).getByLabel("New password").fill("short");
    await here.getByRole("button", { name: "Change password" }).click();
    await here.getByText("Use at least 15 characters.").waitFor();
    await passwordForm(here).getByLabel("New password").fill("a brand new passphrase 42");
    await passwordForm(here).getByLabel("Current password").fill("not my password at all");
    await here.getByRole("button", { name: "Change password" }).click();
    await here.getByText("That is not your current password.").waitFor();
  });

  it("sign out of all devices: this browser at once, the other within the bound", async () => {
    const [here, elsewhere] = await signedInTwice(newPage, newPerson(), app.url);
    await here.goto(`${app.url}/settings/devices`);
    await signOutEverywhere(here);
    await expectSignedOut(here);
    await afterTheBound();
    await expectSignedOut(elsewhere);
  });

  it("a revoked session cannot write, even before its token is re-checked", async () => {
    const [here, elsewhere] = await signedInTwice(newPage, newPerson("Ada Lovelace"), app.url);
    await elsewhere.goto(`${app.url}/profile`);
    await here.goto(`${app.url}/settings/devices`);
    await signOutEverywhere(here);
    // At once, inside the bound: the save checks the session version in the database.
    await elsewhere.getByLabel("Name", { exact: true }).fill("Changed By A Revoked Session");
    await elsewhere.getByRole("button", { name: "Save" }).click();
    await elsewhere.getByRole("alert").filter({ hasText: "Your session has ended." }).waitFor();
    // Ended in that browser too: on the sign-in page, its cookie gone, nothing signed in left on screen.
    expect(new URL(elsewhere.url()).pathname).toBe("/login");
    expect(await elsewhere.getByTestId("nav-user-name").count()).toBe(0);
    expect((await elsewhere.context().cookies()).filter(({ name }) => name.includes("session-token"))).toEqual([]);
  });

  it("delete account: asks for the password, removes the account, ends the session", async () => {
    const person = newPerson();
    const [here, elsewhere] = await signedInTwice(newPage, person, app.url);
    await here.goto(`${app.url}/settings/account`);
    await hydrated(here);
    const deleteForm = settingsForm(here, "Delete account");
    await deleteForm.getByLabel("Current password").fill("wrong password entirely");
    await confirmDestructive(here, "Delete account");
    await here.getByText("That is not your current password.").waitFor();
    await deleteForm.getByLabel("Current password").fill(person.password);
    await confirmDestructive(here, "Delete account");
    // The browser may land on / (the action's redirect), which says the account is gone, or on /login (the re-render
    // of /settings/account, now signed out).
    await arrivedAt(here, (url) => url.pathname === "/" || url.pathname === "/login");
    if (new URL(here.url()).pathname === "/")
      await here.getByRole("status").filter({ hasText: "Your account was deleted" }).waitFor();
    await expectSignedOut(here);
    await afterTheBound();
    await expectSignedOut(elsewhere);
    await signIn(here, person.email, person.password, app.url);
    await here.locator("form").getByRole("alert").filter({ hasText: "Invalid email or password." }).waitFor();
  });

  it("delete account without JavaScript: the post lands on the home page, which says the account is gone", async () => {
    const person = newPerson("Gone Soon");
    const cookie = (await signUpDirect(person, app.url)).map((header) => header.split(";")[0]).join("; ");
    const deleted = await postSettingsForm(app.url, cookie, "Delete account", [["currentPassword", person.password]]);
    await deleted.arrayBuffer();
    expect(deleted.status).toBe(303);
    const home = new URL(deleted.headers.get("location")!, app.url);
    expect(`${home.pathname}${home.search}`).toBe("/?account=deleted");
    const page = await (await fetch(home)).text();
    expect(page).toContain("Your account was deleted, with everything in it. You are signed out.");
  });
});

describe("role changes reach live sessions, the Edge guard's decisions included", () => {
  it("a promoted person opens /admin by navigating there once the bound has passed; a demoted one is refused", async () => {
    const person = newPerson("Grace Hopper");
    const member = await newPage();
    await register(member, person, app.url);
    expect((await member.goto(`${app.url}/admin`))?.status()).toBe(403);

    const admin = await newPage();
    await signIn(admin, inject("adminEmail"), app.adminPassword, app.url);
    await arrivedAt(admin, `${app.url}/dashboard`);
    const setRole = async (role: "admin" | "user") => {
      await admin.goto(`${app.url}/admin?q=${encodeURIComponent(person.email)}`); // 50 accounts a page
      await admin.waitForLoadState("networkidle");
      const row = admin.getByRole("row").filter({ hasText: person.email });
      await row.getByRole("button", { name: "Save role" }).waitFor({ state: "detached" }); // hydrated: saves on change
      await row.getByRole("combobox").selectOption(role);
      if (role === "admin") await admin.getByRole("alertdialog").getByRole("button", { name: "Make admin" }).click();
      await row.getByRole("status").filter({ hasText: "Role saved." }).waitFor();
    };

    await setRole("admin");
    await afterTheBound();
    expect((await member.goto(`${app.url}/admin`))?.status()).toBe(200);
    expect(await member.getByRole("heading", { level: 1 }).textContent()).toBe("Users");

    await setRole("user");
    await afterTheBound();
    expect((await member.goto(`${app.url}/admin`))?.status()).toBe(403);
    // The role the page shows follows too.
    await member.goto(`${app.url}/dashboard`);
    expect(await member.getByTestId("dashboard-role").textContent()).toBe("user");
  });
});

describe("a token whose last check lies in the future", () => {
  it("is re-checked, not trusted for ever: made on a machine whose clock is an hour ahead, it still loses a revoked role", async () => {
    const member = await newPage();
    await register(member, newPerson("Grace Hopper"), app.url);
    // What an instance an hour ahead would have written for a person who was an admin then, and is not now.
    const anHourAhead = Math.floor(Date.now() / 1000) + 3600;
    await rewriteBrowserSession(member.context(), app.url, app.secret, (token) => ({
      ...token,
      role: "admin",
      checkedAt: anHourAhead,
    }));
    expect((await member.goto(`${app.url}/admin`))?.status()).toBe(403);
    expect(new URL(member.url()).pathname).toBe("/admin");
  });
});
