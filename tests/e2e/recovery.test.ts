// Recovery that recovers: the seven ways an outside review kept an intruder in an account through every remedy the
// owner used (a password, or a session cookie, once held), each replayed end to end — real HTTP posts of the real
// forms as a browser without JavaScript sends them, Chromium where the browser is the point (passkeys), and the
// app's real mail over SMTP. Each item's first comment says what happened before the fix.
//
// Items 1 and 4–7 run on the shared server (EMAIL_VERIFICATION=required). Item 2 needs `localhost` (WebAuthn's
// relying party cannot be an IP address) and item 3 EMAIL_VERIFICATION=optional: each has a server of its own,
// started in the background as the file begins, so they boot while the first item runs.
import type { Browser, BrowserContext, CDPSession, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { appMail, appUrl, newPerson, startApp, type Person, type RunningApp } from "../support/app";
import { mailDirFor } from "../support/app-server";
import { launchBrowser } from "../support/browser";
import { postForm, signUpDirect as signUpShared } from "../support/direct";
import { reactHydrated } from "../support/every-page";
import { actionFields, browserCookies, sessionCookie, signUpDirect, verifyEmailDirect } from "../support/http-session";
import { linkTo, mailsIn } from "../support/mail-sink";
import { addVirtualAuthenticator } from "../support/passkeys";
import {
  actionFieldsOfFormWith,
  alertsIn,
  askForReset,
  cookieOf,
  endingOf,
  INVALID_CREDENTIALS,
  INVALID_LINK,
  mailOf,
  me,
  NEED_CODE,
  NEED_PASSWORD,
  openEmailLink,
  pathOfLink,
  postFields,
  postPageForm,
  resetWith,
  SESSION_ENDED_HERE,
  signsIn,
  textOf,
  tokenOf,
  VERIFY_FIRST,
} from "../support/recovery";
import { enrolDirect, passwordStepDirect, postSettingsForm, recoveryCodesIn } from "../support/two-factor";

const suffix = () => Math.random().toString(36).slice(2, 10);
/** A new password nobody else in the test has used. */
const passphrase = (what: string) => `${what} passphrase ${suffix()}`;

let passkeyApp: Promise<RunningApp>;
let optionalApp: Promise<RunningApp>;
let browserReady: Promise<Browser>;
const contexts: BrowserContext[] = [];

beforeAll(() => {
  // Not awaited here: the servers boot while item 1 runs; items 2 and 3 wait for theirs. No admin to seed.
  passkeyApp = startApp({ host: "localhost", seed: false });
  optionalApp = startApp({ host: "localhost", seed: false, env: { EMAIL_VERIFICATION: "optional" } });
  browserReady = launchBrowser();
  // A failure is reported by the item that awaits it, not as an unhandled rejection.
  for (const started of [passkeyApp, optionalApp, browserReady]) started.catch(() => undefined);
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browserReady?.then((browser) => browser.close()).catch(() => undefined);
  await Promise.all(
    [passkeyApp, optionalApp].map((app) =>
      app?.then(
        (running) => running.stop(),
        () => undefined,
      ),
    ),
  );
}, 60_000);

// ---- Chromium, for the passkey items ----

interface Tab {
  page: Page;
  cdp: CDPSession;
  authenticatorId: string;
}

/** A browser of its own holding `cookie` for `baseUrl`, with a virtual platform authenticator (no passkey yet). */
async function tabWith(baseUrl: string, cookie: string): Promise<Tab> {
  const context = await (await browserReady).newContext();
  contexts.push(context);
  await context.addCookies(browserCookies(cookie, baseUrl));
  const page = await context.newPage();
  return { page, ...(await addVirtualAuthenticator(page)) };
}

/** Opens /settings/security and resolves with its Passkeys section once its form runs (it needs JavaScript). */
async function openPasskeys(page: Page, baseUrl: string): Promise<Locator> {
  await page.goto(`${baseUrl}/settings/security`);
  await reactHydrated(page);
  const section = page.getByRole("region", { name: "Passkeys" });
  await section.getByRole("button", { name: "Add a passkey" }).waitFor();
  return section;
}

async function credentialsOf({ cdp, authenticatorId }: Tab) {
  return (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;
}

// ---- Item 1 ----

describe("item 1: a pending email change does not outlive the owner's remedy", () => {
  // Before the fix: the change link outlived a reset, a password change and sign-out-everywhere; none cancelled it.

  /** An account, an intruder signed in with its password, and the email change they asked for in Settings. */
  async function intruderAsksToMoveTheEmail() {
    const owner = newPerson("Olive Owner");
    const ownerCookie = cookieOf(await signUpShared(owner));
    const intruderCookie = await sessionCookie(owner.email, owner.password, appUrl);
    const intruderEmail = `intruder-${owner.email}`;
    const since = Date.now();
    const asked = await postSettingsForm(appUrl, intruderCookie, "newEmail", [
      ["newEmail", intruderEmail],
      ["currentPassword", owner.password],
    ]);
    expect(textOf(await asked.text())).toContain(
      `Check your inbox: we sent a link to ${intruderEmail}. Your email changes when you open it.`,
    );
    const changeLink = pathOfLink(
      await appMail({ to: intruderEmail, subject: "Confirm your new email", since }),
      "/verify-email",
    );
    const notice = await appMail({ to: owner.email, subject: "A change of your email was requested", since });
    return { owner, ownerCookie, intruderCookie, intruderEmail, changeLink, notice };
  }

  /** The intruder opens the change link with no session: refused; the account keeps its email and `password`. */
  async function expectTheLinkDead(
    { owner, intruderEmail, changeLink }: Awaited<ReturnType<typeof intruderAsksToMoveTheEmail>>,
    password: string,
  ): Promise<void> {
    const answer = await openEmailLink(appUrl, changeLink);
    expect(answer).toContain(INVALID_LINK);
    expect(answer).not.toContain("Email verified");
    const cookie = await sessionCookie(owner.email, password, appUrl);
    expect((await me(appUrl, cookie)).email).toBe(owner.email);
    expect(await signsIn(appUrl, intruderEmail, password)).toBe(false);
  }

  it("item 1 (control): with no remedy, the intruder's link does move the account — the links the tests below open are live ones", async () => {
    const change = await intruderAsksToMoveTheEmail();
    expect(await openEmailLink(appUrl, change.changeLink)).toContain(
      `Email verified. Your account's email is now ${change.intruderEmail}.`,
    );
    expect(await signsIn(appUrl, change.intruderEmail, change.owner.password)).toBe(true);
    expect(await signsIn(appUrl, change.owner.email, change.owner.password)).toBe(false);
  });

  it("item 1: the owner's password reset voids it — the intruder's link, opened with no session, is refused", async () => {
    const change = await intruderAsksToMoveTheEmail();
    const resetLink = await askForReset(appUrl, change.owner.email);
    const newPassword = passphrase("the owner's reset");
    const since = Date.now();
    const reset = await resetWith(appUrl, resetLink, newPassword);
    expect(reset.status).toBe(303);
    expect(reset.headers.get("location")).toContain("/login?reset=done");

    await expectTheLinkDead(change, newPassword);
    // The mail after the reset says what still signs in without the password: here, nothing.
    const notice = await appMail({ to: change.owner.email, subject: "Your password was changed", since });
    expect(notice.text).toContain("No passkey can sign in to your account: only the new password does.");
  });

  it("item 1: a password change in Settings voids it too, and ends the intruder's session", async () => {
    const change = await intruderAsksToMoveTheEmail();
    const newPassword = passphrase("the owner's settings");
    const changed = await postSettingsForm(appUrl, change.ownerCookie, "newPassword", [
      ["currentPassword", change.owner.password],
      ["newPassword", newPassword],
    ]);
    expect(changed.status).toBe(303);
    expect(changed.headers.get("location")).toContain("/settings/account?password=changed");

    await expectTheLinkDead(change, newPassword);
    const again = await postSettingsForm(appUrl, change.intruderCookie, "newEmail", [
      ["newEmail", `again-${change.intruderEmail}`],
      ["currentPassword", newPassword],
    ]);
    expect(await endingOf(again)).toEqual(SESSION_ENDED_HERE);
  });

  it("item 1: Sign out of all devices voids it too", async () => {
    const change = await intruderAsksToMoveTheEmail();
    const out = await postSettingsForm(appUrl, change.ownerCookie, "Sign out of all devices", []);
    await out.arrayBuffer();
    expect(out.status).toBe(303);
    expect(new URL(out.headers.get("location") ?? "", appUrl).pathname).toBe("/login");

    await expectTheLinkDead(change, change.owner.password);
  });

  it("item 1: the notice to the old address cancels it: its link, opened with no session, kills the change link", async () => {
    const change = await intruderAsksToMoveTheEmail();
    expect(change.notice.text).toContain("Cancel this change");
    const cancelLink = pathOfLink(change.notice, "/cancel-email-change");
    // Opening the page spends nothing (a mail scanner's GET): its button does.
    expect(textOf(await (await fetch(`${appUrl}${cancelLink}`)).text())).toContain(">Cancel the change</button>");
    const cancelled = await postForm(cancelLink, [["token", tokenOf(cancelLink)]]);
    expect(textOf(await cancelled.text())).toContain(
      `The change was cancelled: your account's email stays ${change.owner.email}.`,
    );

    await expectTheLinkDead(change, change.owner.password);
  });
});

// ---- Item 2 ----

describe("item 2: a passkey cannot outlive the remedy", () => {
  // Before the fix: a session under 5 minutes old added a passkey with no password, and the reset mail never named it.
  let app: RunningApp;
  beforeAll(async () => {
    app = await passkeyApp;
  }, 120_000);

  it("item 2: a copied session cookie, seconds old, cannot add a passkey without the password; the reset mail names the passkey the owner added", async () => {
    const owner = newPerson("Pat Passkey");
    const ownerCookie = cookieOf(await signUpDirect(owner, app.url));
    const since = Date.now();

    // The intruder's browser, with a copy of the owner's fresh cookie: the password field left empty.
    const intruder = await tabWith(app.url, ownerCookie);
    const theirs = await openPasskeys(intruder.page, app.url);
    await theirs.getByLabel("Passkey name").fill("Intruder key");
    await theirs.getByRole("button", { name: "Add a passkey" }).click();
    await theirs.getByText(NEED_PASSWORD, { exact: true }).waitFor();
    expect(await theirs.getByLabel("Current password").getAttribute("aria-invalid")).toBe("true");
    expect(await credentialsOf(intruder)).toHaveLength(0);
    await (await openPasskeys(intruder.page, app.url)).getByText("You have no passkeys yet.").waitFor();

    // The owner adds one, with the password.
    const own = await tabWith(app.url, await sessionCookie(owner.email, owner.password, app.url));
    const mine = await openPasskeys(own.page, app.url);
    await mine.getByLabel("Passkey name").fill("Owner laptop");
    await mine.getByLabel("Current password").fill(owner.password);
    await mine.getByRole("button", { name: "Add a passkey" }).click();
    await mine.getByRole("status").filter({ hasText: 'Passkey "Owner laptop" added.' }).waitFor();
    expect(await credentialsOf(own)).toHaveLength(1);
    await mailOf(app.url, { to: owner.email, subject: "A passkey was added", since });
    // One "A passkey was added" since the intruder's try, and it is the owner's (the intruder's came first, so
    // had it been sent it would be here by now).
    const added = mailsIn(mailDirFor(app.url), { to: owner.email, subject: "A passkey was added", since });
    expect(added.map((mail) => mail.text.includes('"Owner laptop"'))).toEqual([true]);

    // The owner resets the password: the mail lists the passkey that still signs in, with the way to Settings.
    const resetLink = await askForReset(app.url, owner.email);
    const resetSince = Date.now();
    expect((await resetWith(app.url, resetLink, passphrase("after the passkey"))).status).toBe(303);
    const notice = await mailOf(app.url, { to: owner.email, subject: "Your password was changed", since: resetSince });
    expect(notice.text).toContain(
      'This passkey can still sign in to your account without the password: "Owner laptop".',
    );
    expect(linkTo(notice, "/settings/security")).toBe(`${app.url}/settings/security`);
  });
});

// ---- Item 3 ----

describe("item 3: a stranger who signs up with someone else's address (EMAIL_VERIFICATION=optional) keeps nothing", () => {
  // Before the fix: the unproven account could turn on two-factor, add a passkey and move the email before its owner.
  let app: RunningApp;
  beforeAll(async () => {
    app = await optionalApp;
  }, 120_000);

  it("item 3: verify first — no two-factor, passkey or email change; the owner's reset ends the stranger's session and signs straight in", async () => {
    const victim = newPerson("Vic Victim");
    const stranger: Person = { name: "Sam Stranger", email: victim.email, password: passphrase("the stranger's") };
    const strangersOwnEmail = `stranger-${victim.email}`;
    const since = Date.now();
    const strangerCookie = cookieOf(await signUpDirect(stranger, app.url)); // signed in at once
    expect((await me(app.url, strangerCookie)).email).toBe(victim.email);

    // The three sections (on two pages) say "verify first" instead of their forms.
    const settings = async (cookie: string) =>
      (
        await Promise.all(
          ["/settings/account", "/settings/security"].map(async (path) =>
            textOf(await (await fetch(`${app.url}${path}`, { headers: { cookie } })).text()),
          ),
        )
      ).join("\n");
    const before = await settings(strangerCookie);
    expect(before.split(VERIFY_FIRST).length - 1).toBe(3);
    expect(before).not.toContain(">Set up two-factor</button>");
    expect(before).not.toContain('name="newEmail"');

    // A script posts the forms anyway: "Set up two-factor" (the form is on the page, without its button)…
    const security = "/settings/security";
    const setUp = await actionFieldsOfFormWith(app.url, security, strangerCookie, "authenticator app on your phone");
    const started = await postFields(app.url, security, strangerCookie, setUp, []);
    expect(alertsIn(await started.text())).toEqual([VERIFY_FIRST]);
    expect(await settings(strangerCookie)).not.toContain('id="two-factor-setup-key"');
    // …and the email change, with the stranger's (right) password: no link is sent (checked at the end).
    const moveEmail = await actionFieldsOfFormWith(
      app.url,
      "/settings/account",
      strangerCookie,
      "we send a link to the new address",
    );
    const moved = await postFields(app.url, "/settings/account", strangerCookie, moveEmail, [
      ["newEmail", strangersOwnEmail],
      ["currentPassword", stranger.password],
    ]);
    expect(textOf(await moved.text())).not.toContain("Check your inbox");

    // And a passkey: the stranger's browser runs the add form of a page a verified account rendered, with the
    // stranger's own cookie put in its place before the click — the server's answer is the stranger's.
    const helper = newPerson("Hal Helper");
    const helperSince = Date.now();
    const helperCookie = cookieOf(await signUpDirect(helper, app.url));
    await verifyEmailDirect(helper.email, app.url, helperSince);
    const tab = await tabWith(app.url, helperCookie);
    const section = await openPasskeys(tab.page, app.url);
    await tab.page.context().clearCookies();
    await tab.page.context().addCookies(browserCookies(strangerCookie, app.url));
    await section.getByLabel("Passkey name").fill("Stranger key");
    await section.getByLabel("Current password").fill(stranger.password);
    await section.getByRole("button", { name: "Add a passkey" }).click();
    await section.getByRole("alert").filter({ hasText: VERIFY_FIRST }).waitFor();
    expect(await credentialsOf(tab)).toHaveLength(0);

    // The address's owner resets the password: the first proof of the address.
    const resetLink = await askForReset(app.url, victim.email);
    expect((await resetWith(app.url, resetLink, victim.password)).status).toBe(303);

    // The stranger's session can no longer write, and their password no longer signs in.
    const write = await postSettingsForm(app.url, strangerCookie, "newPassword", [
      ["currentPassword", stranger.password],
      ["newPassword", passphrase("the stranger's next")],
    ]);
    expect(await endingOf(write)).toEqual(SESSION_ENDED_HERE);
    expect(await signsIn(app.url, victim.email, stranger.password)).toBe(false);

    // The owner signs in with the password alone, straight to the dashboard (no code asked), and may now set up
    // two-factor and the rest.
    const signedIn = await postPageForm(app.url, "/login", "", "password", [
      ["email", victim.email],
      ["password", victim.password],
    ]);
    expect(signedIn.status).toBe(303);
    expect(new URL(signedIn.headers.get("location") ?? "", app.url).pathname).toBe("/dashboard");
    const victimCookie = cookieOf(signedIn.headers.getSetCookie());
    expect((await me(app.url, victimCookie)).email).toBe(victim.email);
    const after = await settings(victimCookie);
    expect(after).toContain(">Set up two-factor</button>");
    expect(after).not.toContain(VERIFY_FIRST);

    // Nothing ever went to the stranger's own address.
    expect(mailsIn(mailDirFor(app.url), { to: strangersOwnEmail, since })).toEqual([]);
  });
});

// ---- Item 4 ----

describe("item 4: sign-up tells no one which addresses have an account, and squats none (EMAIL_VERIFICATION=required)", () => {
  // Before the fix: sign-up made the account at once: the free address signed in with the stranger's password.

  const signUpForm = (person: Person) =>
    postForm("/register", [
      ["name", person.name],
      ["email", person.email],
      ["password", person.password],
    ]);

  it("item 4: a taken and a free address answer alike, sign-in with the chosen password fails for both, and a later sign-up replaces the first", async () => {
    const owner = newPerson("Tess Taken");
    await signUpShared(owner); // an existing, verified account
    const free = newPerson("Fred Free");
    const squatterPassword = passphrase("the squatter's");
    const since = Date.now();

    for (const email of [owner.email, free.email]) {
      const answer = await signUpForm({ name: "Sly Squatter", email, password: squatterPassword });
      expect(answer.status).toBe(200);
      expect(textOf(await answer.text())).toContain(`Check your inbox: we sent a link to ${email}.`);
    }
    const signIns = await Promise.all(
      [owner.email, free.email].map((email) =>
        postPageForm(appUrl, "/login", "", "password", [
          ["email", email],
          ["password", squatterPassword],
        ]),
      ),
    );
    for (const answer of signIns) {
      expect(answer.status).toBe(200);
      expect(textOf(await answer.text())).toContain(INVALID_CREDENTIALS);
    }
    // The taken account is untouched, and its owner is told; the free address got a link.
    expect(await signsIn(appUrl, owner.email, owner.password)).toBe(true);
    await appMail({ to: owner.email, subject: "Someone tried to sign up with your email", since });
    const first = await appMail({ to: free.email, subject: "Verify your email", since });

    // The address's owner signs up too: a new link; the first one is refused, the second makes the account.
    const real: Person = { name: "Fran Free", email: free.email, password: passphrase("the real owner's") };
    const again = await signUpForm(real);
    expect(textOf(await again.text())).toContain(`Check your inbox: we sent a link to ${free.email}.`);
    const second = await appMail({ to: free.email, subject: "Verify your email", since: first.receivedAt + 1 });
    expect(await openEmailLink(appUrl, pathOfLink(first, "/verify-email"))).toContain(INVALID_LINK);
    expect(await openEmailLink(appUrl, pathOfLink(second, "/verify-email"))).toContain("Email verified.");
    expect(await signsIn(appUrl, free.email, squatterPassword)).toBe(false);
    const cookie = await sessionCookie(free.email, real.password, appUrl);
    expect(await me(appUrl, cookie)).toEqual({ status: 200, name: "Fran Free", email: free.email });

    // No link ever went to the taken address; /login says up front why a sign-in may fail.
    expect(mailsIn(mailDirFor(appUrl), { to: owner.email, subject: "Verify your email", since })).toEqual([]);
    expect(textOf(await (await fetch(`${appUrl}/login`)).text())).toContain(
      "Just created an account? Open the link we sent you first.",
    );
  });
});

// ---- Item 5 ----

describe("item 5: turning on two-factor leaves no password-only session", () => {
  // Before the fix: B's password-only session outlived two-factor's turning on, and new codes took the password alone.

  it("item 5: B is refused at once for any write after A turns it on; A's new recovery codes need the password and a code", async () => {
    const person = newPerson("Ada Twoplaces");
    const a = cookieOf(await signUpShared(person));
    const b = await sessionCookie(person.email, person.password, appUrl);
    // B's session writes before (the control): a wrong current password is all that stops it.
    const tried = await postSettingsForm(appUrl, b, "newEmail", [
      ["newEmail", `b-${person.email}`],
      ["currentPassword", "not the password at all"],
    ]);
    expect(textOf(await tried.text())).toContain("That is not your current password.");
    const { authenticator, recoveryCodes } = await enrolDirect(appUrl, a, person.password);

    const changed = await postSettingsForm(appUrl, b, "newPassword", [
      ["currentPassword", person.password],
      ["newPassword", passphrase("B's")],
    ]);
    expect(await endingOf(changed)).toEqual(SESSION_ENDED_HERE);
    const off = await postSettingsForm(appUrl, b, "Turn off two-factor", [["currentPassword", person.password]]);
    expect(await endingOf(off)).toEqual(SESSION_ENDED_HERE);
    // Nothing changed: the password is the same, and it alone still makes no session (the code is asked).
    expect(await signsIn(appUrl, person.email, person.password)).toBe(false);
    await passwordStepDirect(appUrl, person.email, person.password);

    const since = Date.now();
    const passwordOnly = await postSettingsForm(appUrl, a, "Regenerate recovery codes", [
      ["currentPassword", person.password],
    ]);
    const refused = await passwordOnly.text();
    expect(textOf(refused)).toContain(NEED_CODE);
    expect(recoveryCodesIn(refused)).toEqual([]);

    const withCode = await postSettingsForm(appUrl, a, "Regenerate recovery codes", [
      ["currentPassword", person.password],
      ["reauthCode", await authenticator.code()],
    ]);
    const fresh = recoveryCodesIn(await withCode.text());
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((code) => recoveryCodes.includes(code))).toEqual([]);
    await appMail({ to: person.email, subject: "New recovery codes were made", since });
    expect(
      mailsIn(mailDirFor(appUrl), { to: person.email, subject: "New recovery codes were made", since }),
    ).toHaveLength(1);
  });
});

// ---- Item 6 ----

describe("item 6: a reset link asked for before a password change no longer works after it", () => {
  // Before the fix: a reset link asked for before a password change in Settings still set a password after it.

  it("item 6: the page says the link is invalid, and a forged post of its form changes nothing", async () => {
    const person = newPerson("Rhea Reset");
    const cookie = cookieOf(await signUpShared(person));
    const resetLink = await askForReset(appUrl, person.email);
    // The form as it was while the link was good: what a forger posts later.
    expect(textOf(await (await fetch(`${appUrl}${resetLink}`)).text())).toContain('name="newPassword"');
    const hidden = await actionFields(resetLink, "", appUrl);

    const newPassword = passphrase("the owner's settings");
    const changed = await postSettingsForm(appUrl, cookie, "newPassword", [
      ["currentPassword", person.password],
      ["newPassword", newPassword],
    ]);
    expect(changed.status).toBe(303);

    const page = await fetch(`${appUrl}${resetLink}`);
    const text = textOf(await page.text());
    expect(text).toContain(INVALID_LINK);
    expect(text).not.toContain('name="newPassword"');

    const forgedPassword = passphrase("the forger's");
    const forged = await postFields(appUrl, resetLink, "", hidden, [
      ["token", tokenOf(resetLink)],
      ["newPassword", forgedPassword],
      ["confirmNewPassword", forgedPassword],
    ]);
    expect(forged.status).toBe(200);
    expect(textOf(await forged.text())).toContain(INVALID_LINK);
    expect(await signsIn(appUrl, person.email, forgedPassword)).toBe(false);
    expect(await signsIn(appUrl, person.email, newPassword)).toBe(true);
  });
});

// ---- Item 7 ----

describe("item 7: a demoted admin stops reading /admin at once", () => {
  // Before the fix: /admin trusted the token's role until AUTH_REVALIDATE_SECONDS passed: up to 5 more minutes.

  it("item 7: promoted, the person reads /admin; demoted, their next request (same token, no clock moved) gets the 403 page", async () => {
    const person = newPerson("Dee Demoted");
    await signUpShared(person);
    const admin = await sessionCookie(inject("adminEmail"), inject("adminPassword"), appUrl);
    const adminPage = `/admin?q=${encodeURIComponent(person.email)}`; // 50 accounts a page: find them by search
    const table = await (await fetch(`${appUrl}${adminPage}`, { headers: { cookie: admin } })).text();
    const userId = /name="userId" value="([^"]+)"/.exec(table)?.[1];
    expect(userId).toBeTruthy();
    const setRole = async (role: "admin" | "user") => {
      const saved = await postPageForm(appUrl, adminPage, admin, "role", [
        ["userId", userId!],
        ["role", role],
      ]);
      expect(textOf(await saved.text())).toContain("Role saved.");
    };

    await setRole("admin");
    // The person signs in (a token that says "admin") and opens /admin in their browser.
    const member = await (await browserReady).newContext();
    contexts.push(member);
    await member.addCookies(browserCookies(await sessionCookie(person.email, person.password, appUrl), appUrl));
    const page = await member.newPage();
    expect((await page.goto(`${appUrl}/admin`))?.status()).toBe(200);
    await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
    expect(await page.getByRole("table").count()).toBe(1);

    await setRole("user");
    const refused = await page.goto(`${appUrl}/admin`);
    expect(refused?.status()).toBe(403);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("You don't have access to this page");
    expect(await page.getByRole("table").count()).toBe(0);
  });
});
