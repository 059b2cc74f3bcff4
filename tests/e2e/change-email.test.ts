// Changing the email from /settings/account in Chromium, with the app's real mail (a loopback SMTP server): the link goes
// to the new address, opening it in the same browser shows the new email at once, another browser follows within
// the revalidation bound, the old address is told, and only the new address signs in afterwards.
import type { Locator, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";

import {
  appMail,
  appUrl,
  arrivedAt,
  forgetSession,
  hydrated,
  newPerson,
  openMailedLink,
  register,
  settingsForm,
  signIn,
} from "../support/app";
import { freshPagePerTest, launchBrowser } from "../support/browser";
import { ageBrowserSessions } from "../support/session-clock";

const current = freshPagePerTest();

/** The Email section's form on /settings/account. */
const emailForm = (page: Page) => settingsForm(page, "Email");

/** Fills and sends the Email section's form; resolves once it answers (`answer`: the status or alert by default). */
async function requestChange(
  page: Page,
  newEmail: string,
  password: string,
  answer = (form: Locator) => form.getByRole("status").or(form.getByRole("alert")).first(),
): Promise<void> {
  await page.goto(`${appUrl}/settings/account`);
  await hydrated(page);
  const form = emailForm(page);
  await form.getByLabel("New email").fill(newEmail);
  await form.getByLabel("Current password").fill(password);
  await form.getByRole("button", { name: "Send confirmation link" }).click();
  await answer(form).waitFor();
}

async function sessionEmail(page: Page): Promise<string | undefined> {
  const response = await page.request.get(`${appUrl}/api/auth/session`);
  return ((await response.json()) as { user?: { email?: string } } | null)?.user?.email;
}

describe("changing the email in the browser", () => {
  it("sends the link to the new address; opening it here shows the new email at once; only the new address signs in", async () => {
    const person = newPerson();
    await register(current.page, person);
    const newEmail = `new-${person.email}`;

    await current.page.goto(`${appUrl}/settings/account`);
    const section = emailForm(current.page);
    expect(await section.textContent()).toContain(`Your email is ${person.email}.`);

    const since = Date.now();
    await requestChange(current.page, newEmail, person.password);
    expect(await emailForm(current.page).getByRole("status").textContent()).toBe(
      `Check your inbox: we sent a link to ${newEmail}. Your email changes when you open it.`,
    );
    await appMail({ to: person.email, subject: "A change of your email was requested", since });
    expect(await sessionEmail(current.page)).toBe(person.email); // nothing changes before the link is opened

    await openMailedLink(current.page, { to: newEmail, subject: "Confirm your new email", since }, "/verify-email");
    await current.page.getByRole("status").filter({ hasText: "Email verified" }).waitFor();
    expect(await sessionEmail(current.page)).toBe(newEmail);
    await current.page.goto(`${appUrl}/dashboard`);
    expect(await current.page.getByTestId("dashboard-email").textContent()).toBe(newEmail);

    const notice = await appMail({
      to: person.email,
      subject: "Your email was changed",
      since,
    });
    expect(notice.text).toContain(newEmail);

    await forgetSession(current.page);
    await signIn(current.page, person.email, person.password);
    const alert = current.page.locator("form").getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toBe("Invalid email or password.");

    await current.page.goto(`${appUrl}/login`);
    await signIn(current.page, newEmail, person.password);
    await arrivedAt(current.page, `${appUrl}/dashboard`);
    expect(await current.page.getByTestId("dashboard-email").textContent()).toBe(newEmail);
  });

  it("refuses a wrong current password under its field, keeping the new email typed, and sends nothing", async () => {
    const person = newPerson();
    await register(current.page, person);
    const newEmail = `new-${person.email}`;
    const since = Date.now();
    await requestChange(current.page, newEmail, "not my password, but long enough", (form) =>
      form.getByText("That is not your current password."),
    );
    const form = emailForm(current.page);
    const password = form.getByLabel("Current password");
    const describedBy = await password.getAttribute("aria-describedby");
    expect(await current.page.locator(`#${describedBy}`).textContent()).toBe("That is not your current password.");
    expect(await form.getByLabel("New email").inputValue()).toBe(newEmail);
    expect(await password.inputValue()).toBe("");
    await expect(appMail({ to: newEmail, since, timeoutMs: 1_500 })).rejects.toThrow(/no mail/);
  });

  it("shows the new email in another signed-in browser once the revalidation bound has passed", async () => {
    const person = newPerson();
    await register(current.page, person);
    const browser = await launchBrowser();
    try {
      const other = await browser.newContext();
      const otherPage = await other.newPage();
      await signIn(otherPage, person.email, person.password);
      await arrivedAt(otherPage, `${appUrl}/dashboard`);

      const newEmail = `new-${person.email}`;
      const since = Date.now();
      await requestChange(current.page, newEmail, person.password);
      await openMailedLink(current.page, { to: newEmail, subject: "Confirm your new email", since }, "/verify-email");
      await current.page.getByRole("status").filter({ hasText: "Email verified" }).waitFor();

      await otherPage.goto(`${appUrl}/dashboard`);
      expect(await otherPage.getByTestId("dashboard-email").textContent()).toBe(person.email); // within the bound

      await ageBrowserSessions([other], appUrl, inject("appSecret"), 301);
      await otherPage.goto(`${appUrl}/dashboard`);
      await arrivedAt(otherPage, `${appUrl}/dashboard`);
      expect(await otherPage.getByTestId("dashboard-email").textContent()).toBe(newEmail);
    } finally {
      await browser.close();
    }
  });
});
