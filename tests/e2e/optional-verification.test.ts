// EMAIL_VERIFICATION=optional, on a server of its own: sign-up signs the person in at once, a banner asks them to
// verify, and the link clears it — at once in the browser that opened it, within the bound everywhere else. A
// sign-up that signs in also redirects, so the register form's callbackUrl is held to this origin here.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { appMail, arrivedAt, newPerson, signIn, startApp, submitSignUp, type RunningApp } from "../support/app";
import { axeFindings } from "../support/axe";
import { launchBrowser } from "../support/browser";
import { HOSTILE_CALLBACK_URLS } from "../support/hostile-callback-urls";
import { postForm } from "../support/http-session";
import { linkTo } from "../support/mail-sink";
import { ageBrowserSessions } from "../support/session-clock";

const BOUND_SECONDS = 10;
let app: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([
    startApp({ env: { EMAIL_VERIFICATION: "optional", AUTH_REVALIDATE_SECONDS: String(BOUND_SECONDS) } }),
    launchBrowser(),
  ]);
}, 120_000);
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

const banner = (page: Page) => page.getByRole("region", { name: "Verify your email" });

describe("EMAIL_VERIFICATION=optional", () => {
  it("signs up and in at once, asks to verify, and the link clears the banner here at once and elsewhere within the bound", async () => {
    const person = newPerson("Ada Lovelace");
    const here = await newPage();
    const since = Date.now();
    await submitSignUp(here, person, app.url);
    await arrivedAt(here, `${app.url}/dashboard`);
    await banner(here).waitFor();
    expect(await banner(here).textContent()).toContain(`open the link we sent to ${person.email}`);

    const elsewhere = await newPage();
    await signIn(elsewhere, person.email, person.password, app.url);
    await arrivedAt(elsewhere, `${app.url}/dashboard`);
    await banner(elsewhere).waitFor();

    const mail = await appMail({ to: person.email, subject: "Verify your email", since }, app.url);
    await here.goto(linkTo(mail, "/verify-email"));
    await here.getByRole("status").filter({ hasText: "Email verified." }).waitFor();
    await banner(here).waitFor({ state: "detached" });
    await here.goto(`${app.url}/dashboard`);
    expect(await banner(here).count()).toBe(0);

    // The other browser's token says "unverified" until its next check against the database.
    await elsewhere.goto(`${app.url}/dashboard`);
    expect(await banner(elsewhere).count()).toBe(1);
    await ageBrowserSessions([elsewhere.context()], app.url, app.secret, BOUND_SECONDS + 1);
    await elsewhere.goto(`${app.url}/dashboard`);
    await arrivedAt(elsewhere, `${app.url}/dashboard`);
    expect(await banner(elsewhere).count()).toBe(0);
  });

  it.each(["light", "dark"] as const)("shows the banner with no axe violation in %s mode", async (colorScheme) => {
    const context = await browser.newContext({ colorScheme });
    contexts.push(context);
    const page = await context.newPage();
    const person = newPerson();
    await submitSignUp(page, person, app.url);
    await arrivedAt(page, `${app.url}/dashboard`);
    await banner(page).waitFor();
    expect(await axeFindings(page)).toEqual([]);
  });

  it("sends a new link from the banner", async () => {
    const person = newPerson();
    const page = await newPage();
    const since = Date.now();
    await submitSignUp(page, person, app.url);
    await arrivedAt(page, `${app.url}/dashboard`);
    const first = await appMail({ to: person.email, subject: "Verify your email", since }, app.url);
    await banner(page).getByRole("button", { name: "Send a new link" }).click();
    await banner(page)
      .getByRole("status")
      .filter({ hasText: `We sent a new link to ${person.email}.` })
      .waitFor();
    const second = await appMail(
      {
        to: person.email,
        subject: "Verify your email",
        since: first.receivedAt + 1,
      },
      app.url,
    );
    expect(linkTo(second, "/verify-email")).not.toBe(linkTo(first, "/verify-email"));
  });

  it.each(HOSTILE_CALLBACK_URLS)(
    "the register form, posted without JavaScript with callbackUrl %j, stays on this origin",
    async (hostile) => {
      const someone = newPerson();
      const response = await postForm(
        "/register",
        [
          ["name", someone.name],
          ["email", someone.email],
          ["password", someone.password],
          ["callbackUrl", hostile],
        ],
        app.url,
      );
      expect(response.status).toBe(303);
      const target = new URL(response.headers.get("location")!, app.url);
      expect(target.origin).toBe(app.url);
      expect(target.pathname.startsWith("//")).toBe(false);
    },
  );
});
