// Forgot password → reset in Chromium, against the shared production server, with the link read out of the mail
// the app sent over SMTP to the loopback sink. Expiry is covered in the integration test
// (src/features/password-reset/password-reset.int.test.ts, with a moved clock); here: the whole flow, the reset
// ending a session in another browser, a used and a tampered link, and the page's Referrer-Policy.
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";

import {
  appMail,
  appUrl,
  arrivedAt,
  forgetSession,
  hydrated,
  newPerson,
  register,
  signIn,
  type Person,
} from "../support/app";
import { freshPagePerTest } from "../support/browser";
import { linkTo } from "../support/mail-sink";
import { ageBrowserSessions } from "../support/session-clock";

const current = freshPagePerTest();

const INVALID_LINK = "This link is invalid or has expired.";
const RESET_LINK_SENT = "If an account exists for that email, we sent a link to reset the password.";
const RESET_DONE = "Password changed. Sign in with your new password.";
/** Past the shared server's revalidation bound (AUTH_REVALIDATE_SECONDS, 300 by default). */
const PAST_THE_BOUND_SECONDS = 301;

/** From the sign-in page's "Forgot password?" link to the mailed reset link; returns that link. */
async function askForResetLink(page: Page, person: Person): Promise<string> {
  const since = Date.now();
  await page.goto(`${appUrl}/login`);
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await arrivedAt(page, `${appUrl}/forgot-password`);
  await page.getByLabel("Email").fill(person.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await page.getByRole("status").filter({ hasText: RESET_LINK_SENT }).waitFor();
  const mail = await appMail({ to: person.email, subject: "Reset your password", since });
  return linkTo(mail, "/reset-password");
}

async function setNewPassword(page: Page, password: string, confirmation = password): Promise<void> {
  await hydrated(page);
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Confirm new password").fill(confirmation);
  await page.getByRole("button", { name: "Set new password" }).click();
}

async function expectInvalidLink(page: Page): Promise<void> {
  await page.getByRole("alert").filter({ hasText: INVALID_LINK }).waitFor();
  expect(await page.getByRole("link", { name: "Get a new link" }).getAttribute("href")).toBe("/forgot-password");
  expect(await page.getByLabel("New password", { exact: true }).count()).toBe(0);
}

describe("forgot password → reset in the browser", () => {
  it("resets through the mailed link, ends the session in another browser, and signs in only with the new password", async () => {
    const person = newPerson();
    const browser = current.context.browser()!;
    // Another browser, signed in as the person, before the reset.
    const elsewhereContext = await browser.newContext();
    try {
      const elsewhere = await elsewhereContext.newPage();
      await register(elsewhere, person);

      const link = await askForResetLink(current.page, person);
      const since = Date.now();
      const response = await current.page.goto(link);
      expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
      // …narrowed by the page to the origin alone, which a form's POST needs (see the page): never the token.
      expect(await current.page.locator('meta[name="referrer"]').getAttribute("content")).toBe("strict-origin");

      // A mismatch is a field error under its field; the link stays usable.
      await setNewPassword(current.page, "a fresh reset passphrase", "a different passphrase");
      const confirm = current.page.getByLabel("Confirm new password");
      await current.page.getByText("The passwords do not match.").waitFor();
      const describedBy = (await confirm.getAttribute("aria-describedby"))?.split(" ")[0];
      expect(await current.page.locator(`#${describedBy}`).textContent()).toBe("The passwords do not match.");

      const newPassword = `a fresh reset passphrase ${person.password.slice(-8)}`;
      await setNewPassword(current.page, newPassword);
      await arrivedAt(current.page, `${appUrl}/login?reset=done`);
      await current.page.getByRole("status").filter({ hasText: RESET_DONE }).waitFor();

      const notice = await appMail({
        to: person.email,
        subject: "Your password was changed",
        since,
      });
      expect(notice.text).toContain("every device was signed out");

      // The other browser's session ended: once its token is due for a check, it is signed out.
      await ageBrowserSessions([elsewhereContext], appUrl, inject("appSecret"), PAST_THE_BOUND_SECONDS);
      await elsewhere.goto(`${appUrl}/dashboard`);
      expect(new URL(elsewhere.url()).pathname).toBe("/login");

      // The old password fails; the new one signs in.
      await signIn(current.page, person.email, person.password);
      await current.page.locator("form").getByRole("alert").filter({ hasText: "Invalid email or password." }).waitFor();
      await current.page.goto(`${appUrl}/login`);
      await signIn(current.page, person.email, newPassword);
      await arrivedAt(current.page, `${appUrl}/dashboard`);
    } finally {
      await Promise.race([elsewhereContext.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
  });

  it("shows a used link, and a tampered one, as invalid with a way to get a new one", async () => {
    const person = newPerson();
    await register(current.page, person);
    await forgetSession(current.page);
    const link = await askForResetLink(current.page, person);

    const tampered = new URL(link);
    const token = tampered.searchParams.get("token")!;
    tampered.searchParams.set("token", `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`);
    const tamperedResponse = await current.page.goto(tampered.toString());
    expect(tamperedResponse?.headers()["referrer-policy"]).toBe("no-referrer");
    await expectInvalidLink(current.page);

    // Opening the page spends nothing: the real link still works after a few GETs.
    expect((await fetch(link)).status).toBe(200);
    await current.page.goto(link);
    await setNewPassword(current.page, `another reset passphrase ${token.slice(0, 6)}`);
    await arrivedAt(current.page, `${appUrl}/login?reset=done`);

    await current.page.goto(link);
    await expectInvalidLink(current.page);
    await current.page.getByRole("link", { name: "Get a new link" }).click();
    await arrivedAt(current.page, `${appUrl}/forgot-password`);
    await current.page.getByRole("button", { name: "Send reset link" }).waitFor();
  });

  it("signs out the browser that opens the link while signed in as the person, and lands on the sign-in page", async () => {
    const person = newPerson();
    await register(current.page, person); // signed in here
    const asking = await current.context.browser()!.newContext();
    let link: string;
    try {
      link = await askForResetLink(await asking.newPage(), person);
    } finally {
      await Promise.race([asking.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
    await current.page.goto(link);
    await setNewPassword(current.page, `a signed-in reset passphrase ${person.password.slice(-8)}`);
    await arrivedAt(current.page, `${appUrl}/login?reset=done`);
    await current.page.getByRole("status").filter({ hasText: RESET_DONE }).waitFor();
    const cookies = await current.context.cookies(appUrl);
    expect(cookies.find(({ name }) => name.includes("session-token"))).toBeUndefined();
    await current.page.goto(`${appUrl}/dashboard`);
    expect(new URL(current.page.url()).pathname).toBe("/login");
  });

  it("works without JavaScript: the forms post, and the reset redirects to the sign-in page", async () => {
    const person = newPerson();
    await register(current.page, person);
    const noScript = await current.context.browser()!.newContext({ javaScriptEnabled: false });
    try {
      const page = await noScript.newPage();
      const link = await askForResetLink(page, person);
      await page.goto(link);
      const newPassword = `a no-script reset passphrase ${person.password.slice(-8)}`;
      await page.getByLabel("New password", { exact: true }).fill(newPassword);
      await page.getByLabel("Confirm new password").fill(newPassword);
      await page.getByRole("button", { name: "Set new password" }).click();
      await arrivedAt(page, `${appUrl}/login?reset=done`);
      await page.getByRole("status").filter({ hasText: RESET_DONE }).waitFor();
    } finally {
      await Promise.race([noScript.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
  });
});
