// The settings area in Chromium: its own pages and navigation (a side list on wide screens, a row of tabs on a
// phone), the messages rule (a form's answer goes once another form is used), and Recent activity a page at a time.
import { describe, expect, it } from "vitest";

import { appUrl, hydrated, newPerson, register, settingsForm } from "../support/app";
import { freshPagePerTest } from "../support/browser";
import { reactHydrated } from "../support/every-page";
import { sessionCookie } from "../support/http-session";

const current = freshPagePerTest();
const WRONG_PASSWORD = "That is not your current password.";

describe("the settings area", () => {
  it("opens at Account; its navigation marks the page you are on and leads to each of the others", async () => {
    const { page } = current;
    await register(page, newPerson("Sett Ings"));
    await page.goto(`${appUrl}/settings`);
    expect(new URL(page.url()).pathname).toBe("/settings/account");
    const nav = page.getByRole("navigation", { name: "Settings" });
    expect(await nav.getByRole("link").allTextContents()).toEqual(["Account", "Security", "Devices", "Activity"]);
    expect(await nav.locator('[aria-current="page"]').textContent()).toBe("Account");
    for (const [label, heading] of [
      ["Security", "Two-factor authentication"],
      ["Devices", "Devices"],
      ["Activity", "Recent activity"],
      ["Account", "Password"],
    ] as const) {
      await nav.getByRole("link", { name: label }).click();
      await page.getByRole("heading", { level: 2, name: heading, exact: true }).waitFor();
      expect(await nav.locator('[aria-current="page"]').textContent()).toBe(label);
    }
  });

  it("on a phone, puts its navigation above the page in one row, and nothing scrolls sideways", async () => {
    const { page } = current;
    await page.setViewportSize({ width: 390, height: 844 });
    await register(page, newPerson("Phone Settings"));
    for (const path of ["/settings/account", "/settings/security", "/settings/devices", "/settings/activity"]) {
      await page.goto(`${appUrl}${path}`);
      const links = page.getByRole("navigation", { name: "Settings" }).getByRole("link");
      const tops = await links.evaluateAll((all) => all.map((link) => Math.round(link.getBoundingClientRect().top)));
      expect(new Set(tops).size, `${path}: the tabs share one row`).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
    }
  });

  it("keeps a form's answer to that form: it goes once another form is used", async () => {
    const { page } = current;
    const person = newPerson("Two Forms");
    await register(page, person);
    await page.goto(`${appUrl}/settings/account`);
    await hydrated(page);
    const password = settingsForm(page, "Password");
    const email = settingsForm(page, "Email");
    const sendLink = async (to: string) => {
      await email.getByLabel("New email").fill(to);
      await email.getByLabel("Current password").fill(person.password);
      await email.getByRole("button", { name: "Send confirmation link" }).click();
      await email.getByRole("status").filter({ hasText: to }).waitFor();
    };
    await sendLink(`first-${person.email}`);

    // The Password form, used: its own answer shows, and the Email form's has gone.
    await password.getByLabel("Current password").fill("not my password at all");
    await password.getByLabel("New password").fill("a brand new passphrase 42");
    await password.getByRole("button", { name: "Change password" }).click();
    await password.getByText(WRONG_PASSWORD).waitFor();
    await email.getByRole("status").waitFor({ state: "hidden" });

    // The Email form used again: it answers again.
    await sendLink(`second-${person.email}`);
    expect(await email.getByRole("status").isVisible()).toBe(true);
  });

  it("shows Recent activity 20 events a page, older ones a link away, and back to the newest", async () => {
    const { page } = current;
    const person = newPerson("Busy Account");
    await register(page, person);
    // 22 events: the sign-up's sign-in, and 21 more sign-ins over HTTP.
    for (let signIn = 0; signIn < 21; signIn += 1) await sessionCookie(person.email, person.password, appUrl);
    await page.goto(`${appUrl}/settings/activity`);
    await reactHydrated(page);
    const events = page.getByRole("list", { name: "Security events" }).getByRole("listitem");
    expect(await events.count()).toBe(20);
    const times = () => events.locator("time").evaluateAll((all) => all.map((time) => time.getAttribute("datetime")));
    const newest = await times();
    const pages = page.getByRole("navigation", { name: "Pages of activity" });
    expect(await pages.getByRole("link").allTextContents()).toEqual(["Older events"]);

    await pages.getByRole("link", { name: "Older events" }).click();
    await pages.getByRole("link", { name: "Newest events" }).waitFor();
    const older = await times();
    expect(older).toHaveLength(2);
    // Strictly older than the first page's oldest, and the last page offers nothing older.
    expect(older.every((time) => time! <= newest.at(-1)!)).toBe(true);
    expect(await pages.getByRole("link").allTextContents()).toEqual(["Newest events"]);

    await pages.getByRole("link", { name: "Newest events" }).click();
    await expect.poll(() => new URL(page.url()).search).toBe("");
    expect(await times()).toEqual(newest);
  });
});
