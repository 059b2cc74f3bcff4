// The navbar signed in: the account menu (the avatar) as keyboard, pointer and screen-reader users meet it, on a
// phone and without JavaScript; the avatar's fallback on a full page load; and the name after a profile saved
// without JavaScript.
import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";

import { appUrl, newPerson } from "../support/app";
import { axeFindings } from "../support/axe";
import { freshPagePerTest } from "../support/browser";
import { reactHydrated } from "../support/every-page";
import { browserCookies, sessionCookie, signUpDirect } from "../support/http-session";
import { accountMenuButton, followNavbarLink, mainNav, navbarSignOut, openAccountMenu } from "../support/navbar";

const current = freshPagePerTest();

/** A Cookie header of a new member named `name`, signed in. */
async function memberCookie(name: string): Promise<string> {
  const setCookie = await signUpDirect(newPerson(name), appUrl);
  return setCookie.map((cookie) => cookie.split(";")[0]).join("; ");
}

/** Opens `path` in the current page as whoever `cookie` signs in, and waits for React. */
async function openSignedIn(cookie: string, path = "/dashboard", page: Page = current.page): Promise<Page> {
  await page.context().addCookies(browserCookies(cookie, appUrl));
  await page.goto(`${appUrl}${path}`);
  await reactHydrated(page);
  return page;
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim());
const menuIsOpen = async (page: Page) => (await mainNav(page).locator("details").getAttribute("open")) !== null;

let member: string;

beforeAll(async () => {
  member = await memberCookie("Menu Member");
});

describe("the account menu", () => {
  it("is a button named by the person, that says whether it is open, and holds Profile, Settings and Sign out", async () => {
    const page = await openSignedIn(member);
    const button = accountMenuButton(page);
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    expect(await page.getByTestId("nav-user-name").textContent()).toBe("Menu Member");
    expect(await page.getByTestId("nav-user-avatar").isVisible()).toBe(true);
    const menu = await openAccountMenu(page);
    expect(await button.getAttribute("aria-expanded")).toBe("true");
    const items = await menu.locator(":is(a, button)").allTextContents();
    expect(items).toEqual(["Profile", "Settings", "Sign out"]);
    expect(await menu.getByRole("link", { name: "Admin" }).count()).toBe(0); // a member's menu
  });

  it("offers Admin to an admin, and follows it", async () => {
    const admin = await sessionCookie(inject("adminEmail"), inject("adminPassword"), appUrl);
    const page = await openSignedIn(admin);
    await followNavbarLink(page, "Admin");
    await page.waitForURL(`${appUrl}/admin`);
    expect(await menuIsOpen(page)).toBe(false); // a navigation closes it
  });

  it("works from the keyboard: Enter opens, arrows move, Escape closes and gives focus back, Tab out closes", async () => {
    // /profile: its form comes after the navbar, so Tab has somewhere to go when it leaves the menu.
    const page = await openSignedIn(member, "/profile");
    await accountMenuButton(page).focus();
    await page.keyboard.press("Enter");
    expect(await menuIsOpen(page)).toBe(true);
    await page.keyboard.press("ArrowDown");
    expect(await focusedText(page)).toBe("Profile");
    await page.keyboard.press("ArrowDown");
    expect(await focusedText(page)).toBe("Settings");
    await page.keyboard.press("ArrowDown");
    expect(await focusedText(page)).toBe("Sign out");
    await page.keyboard.press("ArrowDown"); // round again
    expect(await focusedText(page)).toBe("Profile");
    await page.keyboard.press("End");
    expect(await focusedText(page)).toBe("Sign out");
    await page.keyboard.press("ArrowUp");
    expect(await focusedText(page)).toBe("Settings");

    await page.keyboard.press("Escape");
    expect(await menuIsOpen(page)).toBe(false);
    expect(await accountMenuButton(page).evaluate((element) => element === document.activeElement)).toBe(true);

    // ArrowDown on the closed button opens it at its first item; Tab past the last item leaves and closes it.
    await page.keyboard.press("ArrowDown");
    await page.waitForFunction(() => document.activeElement?.textContent === "Profile");
    await page.keyboard.press("End");
    await page.keyboard.press("Tab");
    await page.waitForFunction(() => !document.querySelector('nav[aria-label="Main"] details[open]'));
    expect(
      await page.getByLabel("Name", { exact: true }).evaluate((element) => element === document.activeElement),
    ).toBe(true);
  });

  it("closes on a click outside it, and on following one of its links", async () => {
    const page = await openSignedIn(member);
    await openAccountMenu(page);
    await page.getByRole("heading", { level: 1 }).click();
    expect(await menuIsOpen(page)).toBe(false);

    await followNavbarLink(page, "Profile");
    await page.waitForURL(`${appUrl}/profile`);
    await page.getByRole("heading", { level: 1, name: "Profile" }).waitFor();
    expect(await menuIsOpen(page)).toBe(false);
    // The page already open: the link navigates nowhere, and the menu closes all the same.
    await followNavbarLink(page, "Profile");
    await page.waitForFunction(() => !document.querySelector('nav[aria-label="Main"] details[open]'));
  });

  it("on a 390-px phone: the navbar is one line, the menu fits the screen, Sign out is reachable; axe finds nothing open", async () => {
    await current.page.setViewportSize({ width: 390, height: 844 });
    const page = await openSignedIn(member);
    const nav = (await mainNav(page).boundingBox())!;
    expect(nav.height).toBeLessThanOrEqual(72);
    expect(await page.getByTestId("nav-user-avatar").isVisible()).toBe(true);
    // The name is visually hidden on a phone, but still the menu button's name for a screen reader.
    expect(await page.getByTestId("nav-user-name").textContent()).toBe("Menu Member");
    expect(await accountMenuButton(page).getAttribute("aria-expanded")).toBe("false");
    const menu = await openAccountMenu(page);
    const box = (await menu.locator("div").first().boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await axeFindings(page)).toEqual([]);
    }
    await navbarSignOut(page);
    await mainNav(page).getByRole("link", { name: "Sign in" }).waitFor();
  });
});

describe("without JavaScript", () => {
  async function noScriptPage(browser: Browser, cookie: string): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.addCookies(browserCookies(cookie, appUrl));
    return context.newPage();
  }

  it("the menu still opens, and Sign out signs out", async () => {
    const page = await noScriptPage(current.context.browser()!, await memberCookie("No Script"));
    try {
      await page.goto(`${appUrl}/dashboard`);
      await navbarSignOut(page);
      await mainNav(page).getByRole("link", { name: "Sign in" }).waitFor();
      expect(await page.getByTestId("nav-user-name").count()).toBe(0);
    } finally {
      await page.context().close();
    }
  });

  it("item 24: after Profile saved, the navbar (and the page) show the new name", async () => {
    const page = await noScriptPage(current.context.browser()!, await memberCookie("Old Name"));
    try {
      await page.goto(`${appUrl}/profile`);
      expect(await page.getByTestId("nav-user-name").textContent()).toBe("Old Name");
      await page.getByLabel("Name", { exact: true }).fill("New Name");
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByRole("status").filter({ hasText: "Profile saved" }).waitFor();
      expect(await page.getByTestId("nav-user-name").textContent()).toBe("New Name");
      expect(await page.getByTestId("nav-user-avatar").textContent()).toBe("NN");
    } finally {
      await page.context().close();
    }
  });
});

describe("the avatar", () => {
  it("bug 4: an image URL that fails on a full page load shows the initials, not a broken image", async () => {
    await current.context.route("https://broken.example/**", (route) => route.fulfill({ status: 404, body: "" }));
    const page = await openSignedIn(await memberCookie("Broken Image"), "/profile");
    await page.getByLabel("Image URL").fill("https://broken.example/missing.png");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Profile saved" }).waitFor();
    for (const path of ["/dashboard", "/profile"]) {
      // A full load: the server renders the <img>, and the browser fails it, perhaps before React is there.
      await page.goto(`${appUrl}${path}`);
      await reactHydrated(page);
      await page.waitForFunction(
        () => document.querySelector('[data-testid="nav-user-avatar"]')?.tagName === "SPAN",
        null,
        { timeout: 5_000 },
      );
      expect(await page.getByTestId("nav-user-avatar").textContent()).toBe("BI");
    }
  });
});
