// Passkeys in Chromium, through its virtual authenticator (DevTools protocol, WebAuthn domain): added from
// /settings, listed, renamed and removed; signing in with the button and through the email field's autofill; a
// removed credential and an unverified user refused. axe checks /login and the section in light and dark mode.
//
// WebAuthn's relying party is AUTH_URL's host name, and an IP address is no valid RP ID, so this file runs a
// server of its own on `localhost` (the shared one is 127.0.0.1) and opens every page there.
import type { Browser, BrowserContext, CDPSession, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readsInBrowser, ROUTES, type RouteEntry } from "@/config/routes";
import { PASSKEY_MESSAGES } from "@/features/passkeys/shared/schemas";
import { REAUTH_MESSAGES } from "@/features/reauthentication/shared/schemas";

import { arrivedAt, newPerson, securityCheckup, startApp, type Person, type RunningApp } from "../support/app";
import { mailDirFor, queryLinesIn } from "../support/app-server";
import { expectAccessible } from "../support/axe";
import { launchBrowser } from "../support/browser";
import { reactHydrated } from "../support/every-page";
import { browserCookies, signUpDirect } from "../support/http-session";
import { waitForMail } from "../support/mail-sink";
import { navbarSignOut } from "../support/navbar";
import { addVirtualAuthenticator } from "../support/passkeys";

let app: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const cspErrors: string[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ host: "localhost" }), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await app?.stop();
});

interface Tab {
  page: Page;
  cdp: CDPSession;
  authenticatorId: string;
}

/**
 * A tab of its own, signed in as `cookie` (signed out when empty), with a virtual platform authenticator (resident keys, user
 * verification, presence answered by itself). The authenticator lives as long as the tab: the tests keep theirs.
 */
async function newTab(cookie: string): Promise<Tab> {
  const context = await browser.newContext();
  contexts.push(context);
  if (cookie) await context.addCookies(browserCookies(cookie, app.url));
  // A test turns conditional mediation off in this tab, so that only the button can sign in (see buttonOnly).
  await context.addInitScript(() => {
    if (sessionStorage.getItem("no-autofill") && window.PublicKeyCredential)
      PublicKeyCredential.isConditionalMediationAvailable = async () => false;
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) cspErrors.push(message.text());
  });
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
  return { page, cdp, authenticatorId };
}

async function account(name: string): Promise<{ person: Person; cookie: string }> {
  const person = newPerson(name);
  const cookie = (await signUpDirect(person, app.url)).map((header) => header.split(";")[0]).join("; ");
  return { person, cookie };
}

const SESSION_COOKIE = "authjs.session-token";
const section = (page: Page) => page.getByRole("region", { name: "Passkeys" });
const alertIn = (page: Page) => page.locator("main").getByRole("alert"); // not Next's route announcer
const statusIn = (page: Page) => page.locator("main").getByRole("status");

async function openSettings(page: Page): Promise<Locator> {
  await page.goto(`${app.url}/settings/security`);
  await reactHydrated(page);
  await section(page).getByRole("button", { name: "Add a passkey" }).waitFor();
  return section(page);
}

async function addPasskey(page: Page, name: string, password = ""): Promise<void> {
  const passkeys = await openSettings(page);
  await passkeys.getByLabel("Passkey name").fill(name);
  if (password) await passkeys.getByLabel("Current password").fill(password);
  await passkeys.getByRole("button", { name: "Add a passkey" }).click();
}

async function credentialsOf({ cdp, authenticatorId }: Tab) {
  return (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;
}

/**
 * The navbar's Sign out. Then, unless `autofill`, conditional mediation is turned off in this tab before /login
 * opens: Chromium's virtual authenticator answers a conditional request at once, unasked (see the autofill
 * test), so with it on, any visit to /login signs in with the passkey the authenticator holds.
 */
async function signOut(page: Page, { autofill = false } = {}): Promise<void> {
  await page.goto(`${app.url}/dashboard`);
  await reactHydrated(page);
  await navbarSignOut(page);
  await arrivedAt(page, (url) => url.pathname === "/");
  await page.evaluate((off) => {
    if (off) sessionStorage.setItem("no-autofill", "1");
    else sessionStorage.removeItem("no-autofill");
  }, !autofill);
}

async function openLogin(page: Page): Promise<void> {
  await page.goto(`${app.url}/login`);
  await reactHydrated(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).waitFor();
}

describe("passkeys, in Chromium's virtual authenticator", () => {
  let ada: { person: Person; cookie: string };
  let tab: Tab;
  let passkeyId = "";

  beforeAll(async () => {
    ada = await account("Ada Passkey");
    tab = await newTab(ada.cookie);
  }, 60_000);

  it("adds a passkey from Settings with the current password, lists it, and mails a notice", async () => {
    const since = Date.now();
    await addPasskey(tab.page, "Work laptop", ada.person.password);
    await expect.poll(() => statusIn(tab.page).allTextContents()).toContain('Passkey "Work laptop" added.');
    const list = section(tab.page).getByRole("list", { name: "Your passkeys" });
    await list.getByText("Work laptop", { exact: true }).waitFor();
    await expect.poll(() => list.getByRole("listitem").count()).toBe(1);
    expect(await list.getByRole("listitem").innerText()).toContain("Not used yet");

    const credentials = await credentialsOf(tab);
    expect(credentials).toHaveLength(1);
    expect(credentials[0]!.rpId).toBe("localhost");
    expect(credentials[0]!.isResidentCredential).toBe(true);
    passkeyId = await list.locator('input[name="passkeyId"]').first().inputValue();
    expect(passkeyId).toBe(Buffer.from(credentials[0]!.credentialId, "base64").toString("base64url"));

    const mail = await waitForMail(mailDirFor(app.url), {
      to: ada.person.email,
      subject: "A passkey was added",
      since,
    });
    expect(mail.text).toContain('A passkey named "Work laptop" was added');
  });

  it("refuses to add a second passkey from the same authenticator (excluded): a plain message", async () => {
    await addPasskey(tab.page, "Work laptop again", ada.person.password);
    await expect.poll(() => alertIn(tab.page).allTextContents()).toContain(PASSKEY_MESSAGES.alreadyAdded);
    expect(await credentialsOf(tab)).toHaveLength(1);
  });

  it("has no axe violations in the Passkeys section with a passkey listed, light and dark", async () => {
    await openSettings(tab.page);
    await expectAccessible(tab.page);
  });

  it("signs in with the Sign in with a passkey button, to the dashboard", async () => {
    await signOut(tab.page);
    await openLogin(tab.page);
    await tab.page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await arrivedAt(tab.page, `${app.url}/dashboard`);
    await expect.poll(() => tab.page.locator("main").innerText()).toContain("Ada Passkey");
  });

  it("browses signed in with the passkey's session at 0 statements for auth (only what each page declares it reads)", async () => {
    const routes: RouteEntry[] = [ROUTES.dashboard, ROUTES.profile, ROUTES.me];
    // The sign-in above landed on the dashboard: its checkup card's request lands before the count starts.
    await securityCheckup(tab.page);
    const before = queryLinesIn(app.logFile).length;
    for (const { path, loads } of routes) {
      const response = await tab.page.goto(`${app.url}${path}`);
      expect(response?.status(), path).toBe(200);
      if (loads) await securityCheckup(tab.page); // the dashboard's card, which asks its API once shown
    }
    // The statements themselves, so a failure names them.
    expect(queryLinesIn(app.logFile).slice(before)).toHaveLength(
      routes.reduce((sum, route) => sum + readsInBrowser(route), 0),
    );
  });

  it("signs in through the email field's autofill (conditional UI), with no click", async () => {
    await signOut(tab.page, { autofill: true });
    const before = (await tab.page.context().cookies(app.url)).find(({ name }) => name === SESSION_COOKIE);
    expect(before).toBeUndefined();
    // What the page offers the browser: a field it may fill with a passkey.
    const html = await (await fetch(`${app.url}/login`)).text();
    expect(html).toMatch(/<input[^>]*autocomplete="username webauthn"/i);
    // Headless Chromium shows no autofill list to pick from: its virtual authenticator (presence simulated)
    // answers the conditional request by itself as soon as the page makes it, focused field or not. So this
    // proves the conditional request and what follows it, not a person's pick from the list.
    await tab.page.goto(`${app.url}/login`);
    await arrivedAt(tab.page, `${app.url}/dashboard`);
    expect(await tab.page.getByRole("button", { name: "Sign in with a passkey" }).count()).toBe(0);
  });

  it("has no axe violations on /login, light and dark", async () => {
    await signOut(tab.page);
    await openLogin(tab.page);
    await expectAccessible(tab.page);
  });

  it("renames the passkey, and shows when it was last used", async () => {
    // Signed out by the previous test (the first sign-out ended the session the tab started with): in again.
    await tab.page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await arrivedAt(tab.page, `${app.url}/dashboard`);
    const passkeys = await openSettings(tab.page);
    const row = passkeys.getByRole("listitem").filter({ hasText: "Work laptop" });
    expect(await row.innerText()).not.toContain("Not used yet");
    expect(await row.getByRole("textbox", { name: "Name", exact: true }).isVisible()).toBe(false); // closed
    await row.locator("summary").click();
    await row.getByRole("textbox", { name: "Name", exact: true }).fill("Desk laptop");
    await row.getByRole("button", { name: "Rename passkey Work laptop" }).click();
    await expect.poll(() => statusIn(tab.page).allTextContents()).toContain('Renamed to "Desk laptop".');
    await passkeys.getByRole("list", { name: "Your passkeys" }).getByText("Desk laptop", { exact: true }).waitFor();
  });

  it("removes it after a confirmation; the credential the authenticator still holds is then refused", async () => {
    const since = Date.now();
    const passkeys = await openSettings(tab.page);
    await passkeys.getByRole("button", { name: "Remove passkey Desk laptop" }).click();
    const dialog = tab.page.getByRole("alertdialog", { name: 'Remove the passkey "Desk laptop"?' });
    await dialog.getByRole("button", { name: "Remove" }).click();
    await expect.poll(() => statusIn(tab.page).allTextContents()).toContain('Passkey "Desk laptop" removed.');
    await passkeys.getByText("You have no passkeys yet.").waitFor();
    await waitForMail(mailDirFor(app.url), { to: ada.person.email, subject: "A passkey was removed", since });
    expect(await credentialsOf(tab)).toHaveLength(1);

    await signOut(tab.page);
    await openLogin(tab.page);
    await tab.page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await expect.poll(() => alertIn(tab.page).allTextContents()).toContain(PASSKEY_MESSAGES.unknown);
    expect(new URL(tab.page.url()).pathname).toBe("/login");
  });
});

describe("passkeys: the password however fresh the session, and user verification", () => {
  let grace: { person: Person; cookie: string };
  let tab: Tab;

  beforeAll(async () => {
    grace = await account("Grace Passkey");
    tab = await newTab(grace.cookie);
  }, 60_000);

  it("asks for the current password seconds after signing in (a copied cookie is no proof), then adds the passkey", async () => {
    await addPasskey(tab.page, "Phone");
    const password = section(tab.page).getByLabel("Current password");
    await expect.poll(() => password.getAttribute("aria-invalid")).toBe("true");
    expect(await section(tab.page).innerText()).toContain(REAUTH_MESSAGES.needPassword);
    expect(await credentialsOf(tab)).toHaveLength(0);

    await section(tab.page).getByLabel("Current password").fill("not the password at all");
    await section(tab.page).getByRole("button", { name: "Add a passkey" }).click();
    await expect.poll(() => password.getAttribute("aria-invalid")).toBe("true");
    expect(await credentialsOf(tab)).toHaveLength(0);

    await section(tab.page).getByLabel("Current password").fill(grace.person.password);
    await section(tab.page).getByRole("button", { name: "Add a passkey" }).click();
    await expect.poll(() => statusIn(tab.page).allTextContents()).toContain('Passkey "Phone" added.');
    expect(await credentialsOf(tab)).toHaveLength(1);
  });

  it("refuses a sign-in without user verification", async () => {
    await signOut(tab.page);
    await openLogin(tab.page);
    await tab.cdp.send("WebAuthn.setUserVerified", { authenticatorId: tab.authenticatorId, isUserVerified: false });
    await tab.page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await expect.poll(() => alertIn(tab.page).count()).toBe(1);
    // Chromium itself refuses: user verification is required and the authenticator cannot verify, so
    // navigator.credentials.get fails with NotAllowedError (which by design does not say why) and no response
    // reaches the server.
    expect(await alertIn(tab.page).innerText()).toBe(PASSKEY_MESSAGES.noneUsed);
    expect(new URL(tab.page.url()).pathname).toBe("/login");
    const response = await tab.page.goto(`${app.url}/dashboard`);
    expect(response?.status()).toBe(200);
    expect(new URL(tab.page.url()).pathname).toBe("/login");
  });

  it("says no passkey was used, naming a device without one for this site, when the device holds none", async () => {
    const empty = await newTab("");
    await empty.page.goto(`${app.url}/login`);
    await empty.page.evaluate(() => sessionStorage.setItem("no-autofill", "1")); // only the button asks
    await openLogin(empty.page);
    await empty.page.getByRole("button", { name: "Sign in with a passkey" }).click();
    // The authenticator has nothing for this site: Chromium answers NotAllowedError, as it does for a closed prompt.
    await expect.poll(() => alertIn(empty.page).allTextContents()).toEqual([PASSKEY_MESSAGES.noneUsed]);
    expect(PASSKEY_MESSAGES.noneUsed).toContain("this device may have none for this site");
    expect(await credentialsOf(empty)).toHaveLength(0);
    expect(new URL(empty.page.url()).pathname).toBe("/login");
  });

  it("tells a browser without WebAuthn so, in plain words, on /login and in Settings", async () => {
    const { cookie } = await account("Lin Nowebauthn");
    const context = await browser.newContext();
    contexts.push(context);
    await context.addInitScript(() => {
      Reflect.deleteProperty(window, "PublicKeyCredential");
    });
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await reactHydrated(page);
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await expect.poll(() => alertIn(page).allTextContents()).toEqual([PASSKEY_MESSAGES.unsupported]);

    await context.addCookies(browserCookies(cookie, app.url));
    await addPasskey(page, "Nowhere");
    await expect.poll(() => alertIn(page).allTextContents()).toEqual([PASSKEY_MESSAGES.unsupported]);
    expect(await section(page).innerText()).toContain("You have no passkeys yet.");
  });

  it("logged no Content-Security-Policy error in any tab", () => {
    expect(cspErrors).toEqual([]);
  });
});
