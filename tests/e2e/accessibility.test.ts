// axe-core over every page, in light and in dark mode, signed out, as a member and as an admin; and over the
// states a page only reaches through use: a form showing its errors, a confirm dialog open. Then what axe cannot
// see: the confirm dialog's keyboard behaviour, the form without JavaScript, the password reveal toggle.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";

import { appMail, appUrl, hydrated, newPerson, settingsForm } from "../support/app";
import { ADMIN_NAME } from "../support/app-server";
import { axeFindings } from "../support/axe";
import { freshPagePerTest } from "../support/browser";
import { EVERY_PAGE, openAs, visitorCookies, type Who } from "../support/every-page";
import { browserCookies, postForm, signUpDirect } from "../support/http-session";
import { linkTo } from "../support/mail-sink";

let cookies: Record<Who, string>;

beforeAll(async () => {
  cookies = await visitorCookies("Axe Member");
});

const current = freshPagePerTest();

function open(path: string, who: Who, colorScheme: "light" | "dark", status = 200): Promise<Page> {
  return openAs(current, cookies, { path, who, status }, colorScheme);
}

describe.each(["light", "dark"] as const)("axe-core, in %s mode", (colorScheme) => {
  it.each(EVERY_PAGE)("$path for $who (HTTP $status): no violation", async (visit) => {
    const page = await openAs(current, cookies, visit, colorScheme);
    expect(await axeFindings(page)).toEqual([]);
  });

  it("/register with its errors showing (and the strength estimate): no violation", async () => {
    const page = await open("/register", "anyone", colorScheme);
    await hydrated(page);
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Password").fill("short");
    await page.getByText("Strength:").waitFor();
    await page.getByRole("button", { name: "Create account" }).click();
    for (const field of ["name", "email", "password"]) await page.locator(`#${field}-error`).waitFor();
    // The send emptied the password field, and its hint with it: type again so the hint is checked with the errors.
    await page.getByLabel("Password").fill("shorter"); // not "short" again: React sees no change in that
    await page.getByText("Strength:").waitFor();
    expect(await axeFindings(page)).toEqual([]);
  });

  it("/forgot-password with its error, then its answer: no violation", async () => {
    const page = await open("/forgot-password", "anyone", colorScheme);
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByRole("button", { name: "Send reset link" }).click();
    await page.locator("#email-error").waitFor();
    expect(await axeFindings(page)).toEqual([]);
    await page.getByLabel("Email").fill(`nobody-${colorScheme}@example.test`);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await page.getByRole("status").waitFor();
    expect(await axeFindings(page)).toEqual([]);
  });

  it("/reset-password from a real link, with its errors showing: no violation", async () => {
    const person = newPerson("Axe Reset");
    await signUpDirect(person, appUrl);
    const since = Date.now();
    await (await postForm("/forgot-password", [["email", person.email]], appUrl)).text();
    const link = new URL(
      linkTo(await appMail({ to: person.email, subject: "Reset your password", since }), "/reset-password"),
    );
    const page = await open(`${link.pathname}${link.search}`, "anyone", colorScheme);
    await page.getByLabel("New password", { exact: true }).fill("short");
    await page.getByLabel("Confirm new password").fill("something else");
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.locator("#newPassword-error").waitFor();
    expect(await axeFindings(page)).toEqual([]);
  });

  it("/verify-email with a spent link, and the answer of its 'send a new link' form: no violation", async () => {
    const page = await open(`/verify-email?token=${"A".repeat(43)}`, "anyone", colorScheme);
    await page.locator("main").getByRole("alert").waitFor(); // not Next's route announcer, an alert too
    await page.getByLabel("Email").fill(`nobody-${colorScheme}@example.test`);
    await page.getByRole("button", { name: "Send a new link" }).click();
    await page.getByRole("status").waitFor();
    expect(await axeFindings(page)).toEqual([]);
  });

  it("/settings/account with the Email section's errors showing: no violation", async () => {
    const page = await open("/settings/account", "member", colorScheme);
    await hydrated(page);
    const form = settingsForm(page, "Email");
    await form.getByLabel("New email").fill("not-an-email");
    await form.getByRole("button", { name: "Send confirmation link" }).click();
    await form.locator("#newEmail-error").waitFor();
    expect(await axeFindings(page)).toEqual([]);
  });

  it("/settings/account with a confirm dialog open: no violation", async () => {
    const page = await open("/settings/account", "member", colorScheme);
    await hydrated(page);
    await page.getByRole("button", { name: "Delete account" }).click();
    await page.getByRole("alertdialog").waitFor();
    expect(await axeFindings(page)).toEqual([]);
  });

  it("/admin with search results, a row's menu and a question open, and a person's page: no violation", async () => {
    const page = await open("/admin?q=admin", "admin", colorScheme);
    await page.waitForLoadState("networkidle");
    expect(await axeFindings(page)).toEqual([]);
    const row = page.getByRole("row").filter({ hasText: "admin@example.com" });
    await row.getByRole("button", { name: `Actions for ${ADMIN_NAME}`, exact: true }).click();
    const menu = page.getByRole("group", { name: `Actions for ${ADMIN_NAME}`, exact: true });
    await menu.getByRole("link", { name: "Details and activity" }).waitFor();
    expect(await axeFindings(page)).toEqual([]);
    await menu.getByRole("button", { name: "Sign out everywhere…" }).click();
    await page.getByRole("alertdialog").waitFor();
    expect(await axeFindings(page)).toEqual([]);
    await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();

    await row.getByRole("link", { name: ADMIN_NAME, exact: true }).click();
    await page.getByRole("region", { name: `Activity of ${ADMIN_NAME}`, exact: true }).waitFor();
    expect(await axeFindings(page)).toEqual([]);
  });

  it("control: a low-contrast element is reported (so zero above means zero)", async () => {
    const page = await open("/", "anyone", colorScheme);
    // Grey on the page's background, about 2:1 (axe files text of exactly 1:1 as "needs review", not a failure).
    await page.evaluate(
      (color) => {
        const faint = document.createElement("p");
        faint.textContent = "Barely there";
        faint.style.color = color;
        document.querySelector("main")?.append(faint);
      },
      colorScheme === "light" ? "#b0b0b0" : "#3a3a3a",
    );
    expect((await axeFindings(page)).map(({ rule }) => rule)).toContain("color-contrast");
  });
});

describe("the confirm dialog", () => {
  it("takes focus (Cancel, the safe choice), and Escape or Cancel close it, give focus back, and submit nothing", async () => {
    const page = await open("/settings/devices", "member", "light");
    await hydrated(page);
    const trigger = page.getByRole("button", { name: "Sign out of all devices" });
    const dialog = page.getByRole("alertdialog", { name: "Sign out of all devices?" });

    await trigger.focus();
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Cancel");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Sign out of all devices");
    expect(await page.evaluate(() => !!document.activeElement?.closest("dialog"))).toBe(true);

    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Sign out of all devices");
    expect(await page.evaluate(() => document.activeElement?.closest("dialog"))).toBeNull();

    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await page.keyboard.press("Enter"); // on Cancel
    await dialog.waitFor({ state: "hidden" });

    // Still signed in: neither way out of the dialog submitted the form.
    expect((await page.goto(`${appUrl}/dashboard`))?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe("/dashboard");
  });

  it("is not in the way without JavaScript: the form submits straight to the server", async () => {
    const browser = current.context.browser()!;
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      await context.addCookies(browserCookies(cookies.member, appUrl));
      const page = await context.newPage();
      await page.goto(`${appUrl}/settings/account`);
      const form = settingsForm(page, "Delete account");
      await form.getByLabel("Current password").fill("not my password at all");
      await form.getByRole("button", { name: "Delete account" }).click();
      await page.getByText("That is not your current password.").waitFor();
    } finally {
      await context.close();
    }
  });
});

describe("the password reveal toggle", () => {
  it("is an icon button on the field's line, named by text, that says whether the password shows", async () => {
    const page = await open("/settings/account", "member", "light");
    const form = settingsForm(page, "Password"); // the Email section has its own current password
    const input = form.getByLabel("Current password");
    const toggle = form.getByRole("button", { name: "Show current password" });
    expect(await input.getAttribute("type")).toBe("password");
    expect(await toggle.getAttribute("aria-pressed")).toBe("false");

    const [field, button] = await Promise.all([input.boundingBox(), toggle.boundingBox()]);
    expect(button!.height).toBeLessThanOrEqual(field!.height); // one line, not text wrapped onto two
    expect(Math.abs(button!.y + button!.height / 2 - (field!.y + field!.height / 2))).toBeLessThan(2);

    await toggle.click();
    expect(await input.getAttribute("type")).toBe("text");
    expect(await toggle.getAttribute("aria-pressed")).toBe("true");
    await toggle.click();
    expect(await input.getAttribute("type")).toBe("password");
  });
});
