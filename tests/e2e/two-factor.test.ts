// Two-factor sign-in in Chromium, against the shared production server: turned on from /settings/security with a code this
// test computes from the key the page shows, as an authenticator app would; a right password alone then makes no
// session, only a pending sign-in that a code (or a recovery code, once) finishes; the ways around it over HTTP
// are refused; five wrong codes end it; and it turns off again. axe checks each state in light and dark mode.
//
// A code works once (its step and every earlier one are refused afterwards), so each account's codes come from
// ../support/two-factor.ts's Authenticator, which moves to a later step instead of waiting for one.
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  RECOVERY_CODE_SIGN_IN,
  recoveryCodeUsedMessage,
  SIGN_IN_ENDED,
  WRONG_CODE,
  wrongCodeTriesLeft,
} from "@/features/two-factor/shared/messages";

import { appMail, appUrl, arrivedAt, confirmDestructive, hydrated, newPerson, signIn } from "../support/app";
import { expectAccessible } from "../support/axe";
import { launchBrowser } from "../support/browser";
import { signUpDirect } from "../support/direct";
import { reactHydrated } from "../support/every-page";
import { browserCookies } from "../support/http-session";
import {
  Authenticator,
  credentialsPost,
  enrolDirect,
  passwordStepDirect,
  PENDING_COOKIE,
  pendingCookieOf,
} from "../support/two-factor";

const RECOVERY_CODE_SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;
const SESSION_COOKIE = "authjs.session-token";

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
});

/** A page in a browser context of its own (no cookies, unless `cookie` gives a session to start with). */
async function newPage(options: { cookie?: string; javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true });
  contexts.push(context);
  if (options.cookie) await context.addCookies(browserCookies(options.cookie, appUrl));
  return context.newPage();
}

/** A verified account, signed in over HTTP: its session as a Cookie header. */
async function newAccount(name: string) {
  const person = newPerson(name);
  const cookie = (await signUpDirect(person)).map((header) => header.split(";")[0]).join("; ");
  return { person, cookie };
}

const section = (page: Page) => page.getByRole("region", { name: "Two-factor authentication" });
/** A form of the section, found by its own heading (each has a Current password). */
const sectionForm = (page: Page, heading: string): Locator =>
  section(page)
    .locator("form")
    .filter({ has: page.getByRole("heading", { level: 3, name: heading, exact: true }) });
const alertIn = (page: Page) => page.locator("main").getByRole("alert"); // not Next's route announcer

async function cookiesOf(page: Page) {
  return page.context().cookies(appUrl);
}

/** The password step in the browser: ends on /login/two-factor, hydrated. */
async function passwordStep(page: Page, email: string, password: string): Promise<void> {
  await signIn(page, email, password);
  await arrivedAt(page, (url) => url.pathname === "/login/two-factor");
  await hydrated(page);
}

/** Fills in the second step's field and sends it; resolves once the server answered (not once the page shows it). */
async function enterCode(page: Page, label: "Authentication code" | "Recovery code", code: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(code);
  const answered = page.waitForResponse(
    (response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/login/two-factor",
  );
  await page.getByRole("button", { name: "Verify" }).click();
  await answered;
}

async function expectSignedOut(page: Page): Promise<void> {
  const response = await page.goto(`${appUrl}/dashboard`);
  expect(response?.status()).toBe(200);
  expect(new URL(page.url()).pathname).toBe("/login");
}

describe("two-factor authentication, in Chromium", () => {
  let ada: Awaited<ReturnType<typeof newAccount>>;
  let authenticator: Authenticator;
  let recoveryCodes: string[];

  beforeAll(async () => {
    ada = await newAccount("Ada Twofactor");
  });

  it("turns on from Settings: the key read off the page, a code from it and the password; 10 recovery codes shown once, and a notice by mail", async () => {
    const page = await newPage({ cookie: ada.cookie });
    await page.goto(`${appUrl}/settings/security`);
    await reactHydrated(page);
    const twoFactor = section(page);
    await expect(twoFactor.getByRole("heading", { level: 2 }).textContent()).resolves.toBe("Two-factor authentication");
    await expectAccessible(page); // off

    // Setting up asks nothing (nothing is on yet): turning it on does.
    await twoFactor.getByRole("button", { name: "Set up two-factor" }).click();
    await twoFactor.getByRole("img", { name: "QR code to add this account to your authenticator app" }).waitFor();
    await twoFactor.getByText("Setup key", { exact: true }).waitFor();
    const key = (await page.locator("#two-factor-setup-key").textContent()) ?? "";
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    authenticator = new Authenticator(key);

    // The right code with a wrong password turns nothing on: a stolen cookie cannot finish a setup.
    await twoFactor.getByLabel("Authentication code").fill(await authenticator.peek());
    await twoFactor.getByLabel("Current password").fill("not my password at all");
    await twoFactor.getByRole("button", { name: "Turn on" }).click();
    await twoFactor.getByText("That is not your current password.").waitFor();

    // A wrong code leaves it off, and says so under the field.
    await twoFactor.getByLabel("Authentication code").fill(await authenticator.wrongCode());
    await twoFactor.getByLabel("Current password").fill(ada.person.password);
    await twoFactor.getByRole("button", { name: "Turn on" }).click();
    await twoFactor.getByText(WRONG_CODE).waitFor();
    await expectAccessible(page); // setting up, with the field's error

    const since = Date.now();
    await twoFactor.getByLabel("Authentication code").fill(await authenticator.code());
    await twoFactor.getByLabel("Current password").fill(ada.person.password);
    await twoFactor.getByRole("button", { name: "Turn on" }).click();
    await twoFactor.getByRole("heading", { name: "Save your recovery codes" }).waitFor();
    const list = twoFactor.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
    recoveryCodes = (await list.allTextContents()).map((code) => code.trim());
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(RECOVERY_CODE_SHAPE);
    await twoFactor.getByRole("button", { name: "Copy codes" }).waitFor();
    await twoFactor.getByRole("link", { name: "Download codes" }).waitFor();
    await expectAccessible(page); // the codes shown

    const mail = await appMail({ to: ada.person.email, subject: "Two-factor authentication is on", since });
    expect(mail.text).toContain("turned on");

    await twoFactor.getByRole("link", { name: "Done" }).click();
    await arrivedAt(page, `${appUrl}/settings/security`);
    await section(page).getByText("Two-factor authentication is on. It was turned on").waitFor();
    await section(page).getByText("10 recovery codes left.", { exact: true }).waitFor();
    // Shown once: the page now has no list, and none of the codes anywhere.
    expect(await section(page).getByRole("list", { name: "Recovery codes" }).count()).toBe(0);
    const html = await page.content();
    for (const code of recoveryCodes) expect(html).not.toContain(code);
    await reactHydrated(page);
    await expectAccessible(page); // on
  });

  it("a right password alone is no session: /login/two-factor, an httpOnly pending cookie only; a code signs in", async () => {
    const page = await newPage();
    await passwordStep(page, ada.person.email, ada.person.password);
    await page.getByRole("heading", { level: 1, name: "Two-factor authentication" }).waitFor();
    const cookies = await cookiesOf(page);
    const pending = cookies.find(({ name }) => name === PENDING_COOKIE);
    expect(pending?.httpOnly).toBe(true);
    expect(pending?.sameSite).toBe("Lax");
    expect(cookies.filter(({ name }) => name.includes("session-token"))).toEqual([]);
    expect(await page.getByLabel("Authentication code").getAttribute("autocomplete")).toBe("one-time-code");
    await expectAccessible(page);

    await page.getByRole("link", { name: "Use a recovery code" }).click();
    await page.getByLabel("Recovery code", { exact: true }).waitFor();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Use your authenticator app" }).click();
    await page.getByLabel("Authentication code").waitFor();

    // Still signed out: a protected page, in another tab of the same browser, goes to sign in.
    const other = await page.context().newPage();
    await expectSignedOut(other);
    expect((await other.request.get(`${appUrl}/api/me`)).status()).toBe(401);
    await other.close();

    await hydrated(page);
    await enterCode(page, "Authentication code", await authenticator.code());
    await arrivedAt(page, `${appUrl}/dashboard`);
    const after = await cookiesOf(page);
    expect(after.find(({ name }) => name === SESSION_COOKIE)).toBeDefined();
    expect(after.find(({ name }) => name === PENDING_COOKIE)).toBeUndefined();
    const me = await page.request.get(`${appUrl}/api/me`);
    expect(me.status()).toBe(200);
    expect((await me.json()).email).toBe(ada.person.email);
  });

  it("a recovery code signs in once: Settings says 9 are left, a notice goes out, and the same code is refused next time", async () => {
    const page = await newPage();
    await passwordStep(page, ada.person.email, ada.person.password);
    await page.getByRole("link", { name: "Use a recovery code" }).click();
    await page.getByLabel("Recovery code", { exact: true }).waitFor();
    const since = Date.now();
    await enterCode(page, "Recovery code", recoveryCodes[0]!);
    await arrivedAt(page, `${appUrl}/settings/security?${RECOVERY_CODE_SIGN_IN}`);
    await section(page).getByText(recoveryCodeUsedMessage(9)).waitFor();
    await section(page).getByText("9 recovery codes left.", { exact: true }).waitFor();
    const mail = await appMail({ to: ada.person.email, subject: "A recovery code was used", since });
    expect(mail.text).toContain("9 recovery codes left");

    const again = await newPage();
    await passwordStep(again, ada.person.email, ada.person.password);
    await again.getByRole("link", { name: "Use a recovery code" }).click();
    await again.getByLabel("Recovery code", { exact: true }).waitFor();
    await enterCode(again, "Recovery code", recoveryCodes[0]!);
    await again.getByText(wrongCodeTriesLeft(4)).waitFor();
    expect(new URL(again.url()).pathname).toBe("/login/two-factor");
    expect((await cookiesOf(again)).filter(({ name }) => name.includes("session-token"))).toEqual([]);
  });

  it("a new set of recovery codes replaces the old, after the password, a code and a confirmation", async () => {
    const page = await newPage();
    await passwordStep(page, ada.person.email, ada.person.password);
    await page.getByRole("link", { name: "Use a recovery code" }).click();
    await page.getByLabel("Recovery code", { exact: true }).waitFor();
    await enterCode(page, "Recovery code", recoveryCodes[1]!.toLowerCase().replace(/-/g, " ")); // as typed
    await arrivedAt(page, `${appUrl}/settings/security?${RECOVERY_CODE_SIGN_IN}`);
    await section(page).getByText("8 recovery codes left.", { exact: true }).waitFor();
    await reactHydrated(page);

    const form = sectionForm(page, "Recovery codes");
    await form.getByLabel("Current password").fill(ada.person.password);
    await form.getByLabel("Authentication code").fill(await authenticator.code());
    await form.getByRole("button", { name: "Regenerate recovery codes" }).click();
    await page.getByRole("alertdialog", { name: "Regenerate recovery codes?" }).waitFor();
    await expectAccessible(page); // on, the confirm dialog open
    const since = Date.now();
    await page.getByRole("alertdialog").getByRole("button", { name: "Regenerate recovery codes" }).click();
    const list = section(page).getByRole("list", { name: "Recovery codes" });
    await list.waitFor();
    const fresh = (await list.getByRole("listitem").allTextContents()).map((code) => code.trim());
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((code) => recoveryCodes.includes(code))).toEqual([]);
    await appMail({ to: ada.person.email, subject: "New recovery codes were made", since });
    recoveryCodes = fresh;
    await section(page).getByRole("link", { name: "Done" }).click();
    await arrivedAt(page, `${appUrl}/settings/security`);
    await section(page).getByText("10 recovery codes left.", { exact: true }).waitFor();
  });

  it("turns off with the password and a recovery code (confirmed); then the password alone signs in", async () => {
    // In with a code of the new set: the old set's replacement works.
    const page = await newPage();
    await passwordStep(page, ada.person.email, ada.person.password);
    await page.getByRole("link", { name: "Use a recovery code" }).click();
    await enterCode(page, "Recovery code", recoveryCodes[0]!);
    await arrivedAt(page, `${appUrl}/settings/security?${RECOVERY_CODE_SIGN_IN}`);
    await section(page).getByText("9 recovery codes left.", { exact: true }).waitFor();
    await reactHydrated(page);

    const form = sectionForm(page, "Turn off two-factor");
    await form.getByLabel("Current password").fill(ada.person.password);
    await form.getByLabel("Authentication code").fill(await authenticator.wrongCode());
    await confirmDestructive(page, "Turn off two-factor");
    await form.getByText(WRONG_CODE).waitFor();
    await expectAccessible(page); // on, with the field's error

    // A recovery code is a code too (a lost phone must not lock two-factor on); the app's codes of this half-minute
    // went to turning it on and to the new set of recovery codes.
    await form.getByLabel("Current password").fill(ada.person.password);
    await form.getByLabel("Authentication code").fill(recoveryCodes[1]!);
    await form.getByRole("button", { name: "Turn off two-factor" }).click();
    await page.getByRole("alertdialog", { name: "Turn off two-factor authentication?" }).waitFor();
    const since = Date.now();
    await page.getByRole("alertdialog").getByRole("button", { name: "Turn off two-factor" }).click();
    await section(page).getByText("Two-factor authentication is off.").waitFor();
    await section(page).getByRole("button", { name: "Set up two-factor" }).waitFor();
    await appMail({ to: ada.person.email, subject: "Two-factor authentication is off", since });

    const again = await newPage();
    await signIn(again, ada.person.email, ada.person.password);
    await arrivedAt(again, `${appUrl}/dashboard`);
    expect((await cookiesOf(again)).find(({ name }) => name === PENDING_COOKIE)).toBeUndefined();
  });
});

describe("a setup given up", () => {
  it("Cancel setup sits beside Turn on and ends the setup: back to the start, the key gone, nothing on", async () => {
    const { cookie } = await newAccount("Ada Cancelsetup");
    const page = await newPage({ cookie });
    await page.goto(`${appUrl}/settings/security`);
    await reactHydrated(page);
    await section(page).getByRole("button", { name: "Set up two-factor" }).click();
    const turnOn = section(page).getByRole("button", { name: "Turn on" });
    const cancel = section(page).getByRole("button", { name: "Cancel setup" });
    await cancel.waitFor();
    // One row: the two buttons share their top edge.
    const [on, off] = await Promise.all([turnOn.boundingBox(), cancel.boundingBox()]);
    expect(off!.y).toBe(on!.y);
    expect(off!.x).toBeGreaterThan(on!.x);

    // It sends its own form, not the enable form (which would ask for the code and the password).
    await cancel.click();
    await section(page).getByRole("button", { name: "Set up two-factor" }).waitFor();
    expect(await section(page).getByText("Setup key", { exact: true }).count()).toBe(0);
    await page.reload();
    await section(page).getByRole("button", { name: "Set up two-factor" }).waitFor();
    expect(await section(page).getByText("Setup key", { exact: true }).count()).toBe(0);
  });
});

describe("five wrong codes end a pending sign-in", () => {
  it("the fifth says the sign-in ended; a right code after it is refused, and no one is signed in", async () => {
    const { person, cookie } = await newAccount("Grace Fivewrong");
    const { authenticator } = await enrolDirect(appUrl, cookie, person.password);
    const page = await newPage();
    await passwordStep(page, person.email, person.password);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await enterCode(page, "Authentication code", await authenticator.wrongCode());
      // Each answer says how many tries are left, so each wait is for this attempt's answer, not the one before.
      await page.getByRole("button", { name: "Verify", exact: true }).waitFor();
      await page
        .locator("#two-factor-code-error")
        .filter({ hasText: wrongCodeTriesLeft(5 - attempt) })
        .waitFor();
    }
    await enterCode(page, "Authentication code", await authenticator.wrongCode());
    await alertIn(page).filter({ hasText: SIGN_IN_ENDED }).waitFor();
    expect((await cookiesOf(page)).find(({ name }) => name === PENDING_COOKIE)).toBeUndefined();

    // A code that would be right: refused before it is looked at, so it is not spent.
    await enterCode(page, "Authentication code", await authenticator.peek());
    await page.getByRole("button", { name: "Verify", exact: true }).waitFor();
    await alertIn(page).filter({ hasText: SIGN_IN_ENDED }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/login/two-factor");
    expect((await cookiesOf(page)).filter(({ name }) => name.includes("session-token"))).toEqual([]);
    await expectSignedOut(page);
    expect((await page.request.get(`${appUrl}/api/me`)).status()).toBe(401);
  });
});

describe("without JavaScript", () => {
  it("signs in with the password, then the code: both forms post, the browser lands on the dashboard", async () => {
    const { person, cookie } = await newAccount("Hedy Noscript");
    const { authenticator } = await enrolDirect(appUrl, cookie, person.password);
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto(`${appUrl}/login`);
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await arrivedAt(page, `${appUrl}/login/two-factor`);
    expect((await cookiesOf(page)).filter(({ name }) => name.includes("session-token"))).toEqual([]);
    // A wrong code answers in the page, as with JavaScript.
    await enterCode(page, "Authentication code", await authenticator.wrongCode());
    await page.getByText(wrongCodeTriesLeft(4)).waitFor();
    await enterCode(page, "Authentication code", await authenticator.code());
    await arrivedAt(page, `${appUrl}/dashboard`);
    expect((await cookiesOf(page)).find(({ name }) => name === SESSION_COOKIE)).toBeDefined();
  });
});

describe("the ways around the second step, over HTTP", () => {
  let carol: Awaited<ReturnType<typeof newAccount>> & Awaited<ReturnType<typeof enrolDirect>>;
  let dave: Awaited<ReturnType<typeof newAccount>> & Awaited<ReturnType<typeof enrolDirect>>;

  beforeAll(async () => {
    const [c, d] = await Promise.all([newAccount("Carol Bypass"), newAccount("Dave Bypass")]);
    carol = { ...c, ...(await enrolDirect(appUrl, c.cookie, c.person.password)) };
    dave = { ...d, ...(await enrolDirect(appUrl, d.cookie, d.person.password)) };
  });

  /** Whether `cookie` is a session: Auth.js's session endpoint, and the app's own API. */
  async function sessionOf(cookie: string) {
    const session = await (await fetch(`${appUrl}/api/auth/session`, { headers: { cookie } })).json();
    const me = await fetch(`${appUrl}/api/me`, { headers: { cookie } });
    await me.arrayBuffer();
    return { session, me: me.status };
  }

  const setCookies = (response: Response) => response.headers.getSetCookie().map((h) => h.split(";")[0]!);
  const sessionSet = (response: Response) =>
    setCookies(response).some((pair) => pair.startsWith(`${SESSION_COOKIE}=`) && pair.length > 22);

  it("the credentials API with the right email and password sets no session cookie", async () => {
    const response = await credentialsPost(appUrl, { email: carol.person.email, password: carol.person.password });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!, appUrl);
    expect(location.searchParams.get("code")).toBe("two-factor");
    expect(sessionSet(response)).toBe(false);
    // Where it sends the browser, the sign-in page, sends it on to the code.
    const next = await fetch(location, { redirect: "manual" });
    expect(new URL(next.headers.get("location")!, appUrl).pathname).toBe("/login/two-factor");
    const pending = response.headers.getSetCookie().find((header) => header.startsWith(`${PENDING_COOKIE}=`));
    expect(pending).toMatch(/HttpOnly/i);
    // Whatever it did set, sent back, is no session.
    expect(await sessionOf(setCookies(response).join("; "))).toEqual({ session: null, me: 401 });
  });

  it("a pending cookie finishes once: replayed after its sign-in, with a code that would be right, it is refused", async () => {
    const pending = await passwordStepDirect(appUrl, carol.person.email, carol.person.password);
    const finished = await credentialsPost(appUrl, { code: await carol.authenticator.code() }, pending);
    expect(sessionSet(finished)).toBe(true);
    expect((await sessionOf(setCookies(finished).join("; "))).me).toBe(200);

    const replayed = await credentialsPost(appUrl, { code: await carol.authenticator.peek() }, pending);
    expect(new URL(replayed.headers.get("location")!).searchParams.get("code")).toBe("sign-in-ended");
    expect(sessionSet(replayed)).toBe(false);
    // The form's way in, too: the same cookie posted with a recovery code.
    const byRecovery = await credentialsPost(appUrl, { recoveryCode: carol.recoveryCodes[0]! }, pending);
    expect(sessionSet(byRecovery)).toBe(false);
  });

  it("one account's pending sign-in does not take another account's code; its own code still works after", async () => {
    // An account of its own: Carol's two codes may be all the server takes this second (see Authenticator).
    const c = await newAccount("Erin Bypass");
    const erin = { ...c, ...(await enrolDirect(appUrl, c.cookie, c.person.password)) };
    const pending = await passwordStepDirect(appUrl, erin.person.email, erin.person.password);
    // Dave's code is checked against Erin's secret: Dave's step stays unused.
    const crossed = await credentialsPost(appUrl, { code: await dave.authenticator.peek() }, pending);
    expect(new URL(crossed.headers.get("location")!).searchParams.get("code")).toBe("wrong-code");
    expect(sessionSet(crossed)).toBe(false);
    const crossedRecovery = await credentialsPost(appUrl, { recoveryCode: dave.recoveryCodes[0]! }, pending);
    expect(sessionSet(crossedRecovery)).toBe(false);
    expect(pendingCookieOf(crossedRecovery)).toBeUndefined(); // not a new pending sign-in either

    // Control: the refusals were about the code, not a broken cookie.
    const own = await credentialsPost(appUrl, { code: await erin.authenticator.code() }, pending);
    expect(sessionSet(own)).toBe(true);
    const session = await sessionOf(setCookies(own).join("; "));
    expect(session.me).toBe(200);
    expect(session.session.user.email).toBe(erin.person.email);
  });

  it("a code without any pending sign-in, or with a made-up cookie, signs no one in", async () => {
    const code = await dave.authenticator.peek(); // would be right, but there is nothing for it to finish
    const bare = await credentialsPost(appUrl, { code });
    expect(sessionSet(bare)).toBe(false);
    const forged = await credentialsPost(appUrl, { code }, `${PENDING_COOKIE}=${"A".repeat(43)}`);
    expect(sessionSet(forged)).toBe(false);
    expect(new URL(forged.headers.get("location")!).searchParams.get("code")).toBe("sign-in-ended");
  });
});
