// The navbar as a person uses it. Signed in, its links and Sign out are in the account menu (the avatar), which is
// opened first — on every width, with or without JavaScript.
import type { Locator, Page } from "playwright-core";

/** The `<nav aria-label="Main">` landmark every page has. */
export const mainNav = (page: Page): Locator => page.getByRole("navigation", { name: "Main" });

/** The account menu: a <details> whose <summary> (the avatar and name) opens it. */
const accountMenu = (page: Page): Locator => mainNav(page).locator("details");

/** The account menu's button, by its role and name as a screen reader has it. */
export const accountMenuButton = (page: Page): Locator => mainNav(page).getByRole("button", { name: /account menu$/ });

/** Opens the account menu, unless it is open, and returns it. */
export async function openAccountMenu(page: Page): Promise<Locator> {
  const menu = accountMenu(page);
  if ((await menu.getAttribute("open")) === null) await accountMenuButton(page).click();
  await menu.and(page.locator("[open]")).waitFor();
  return menu;
}

/** The navbar's Sign out: opens the account menu and clicks it. */
export async function navbarSignOut(page: Page): Promise<void> {
  await (await openAccountMenu(page)).getByRole("button", { name: "Sign out", exact: true }).click();
}

/** Follows the navbar's link `name` (Profile, Settings, Admin), from the account menu. */
export async function followNavbarLink(page: Page, name: string): Promise<void> {
  await (await openAccountMenu(page)).getByRole("link", { name, exact: true }).click();
}
