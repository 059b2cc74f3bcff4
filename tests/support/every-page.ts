// Every page of the app, as each kind of visitor sees it — derived from the route table, so a page added there is
// checked by the accessibility and CSP tests without anyone listing it again.
import type { BrowserContext, Page } from "playwright-core";
import { expect, inject } from "vitest";

import { LOWEST_ROLE } from "@/config/roles";
import { FORBIDDEN_PATH, HOME_PATH, ROUTES, type RouteEntry } from "@/config/routes";

import { appUrl, newPerson } from "./app";
import { signUpDirect } from "./direct";
import { browserCookies, sessionCookie } from "./http-session";

/** Who opens a page: nobody signed in, a person with the lowest role, or the seeded admin (the highest). */
export type Who = "anyone" | "member" | "admin";

export interface PageVisit {
  path: string;
  who: Who;
  status: number;
  /** Where the visit ends, when the route sends its visitor on (its `landsOn`); else `path`. */
  landsOn?: string;
}

const pages = Object.values(ROUTES as Record<string, RouteEntry>).filter((route) => !route.api);

/** Each page opened by whoever may open it; a page above the lowest role also by a member (its 403 page). */
export const EVERY_PAGE: PageVisit[] = [
  { path: HOME_PATH, who: "anyone", status: 200 },
  ...pages.flatMap((route): PageVisit[] => {
    if (route.access.kind !== "signed-in") return [{ path: route.path, who: "anyone", status: 200 }];
    if (route.access.minimumRole === LOWEST_ROLE)
      return [{ path: route.path, who: "member", status: 200, landsOn: route.landsOn }];
    return [
      { path: route.path, who: "admin", status: 200 },
      { path: route.path, who: "member", status: 403 }, // the 403 page, rewritten in place by the middleware
    ];
  }),
  { path: FORBIDDEN_PATH, who: "anyone", status: 403 },
  { path: "/no-such-page", who: "anyone", status: 404 },
];

/** A Cookie header per visitor: a fresh member of the lowest role, and the seeded admin. Call it in beforeAll. */
export async function visitorCookies(memberName: string): Promise<Record<Who, string>> {
  const setCookie = await signUpDirect(newPerson(memberName));
  return {
    anyone: "",
    member: setCookie.map((cookie) => cookie.split(";")[0]).join("; "),
    admin: await sessionCookie(inject("adminEmail"), inject("adminPassword"), appUrl),
  };
}

/**
 * React has hydrated: it marks the DOM nodes it took over (the navbar is on every page). A function, not a
 * string: Playwright would compile a string predicate with eval in the page to poll it, which the CSP refuses.
 */
export async function reactHydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const nav = document.querySelector('nav[aria-label="Main"]');
    return !!nav && Object.keys(nav).some((key) => key.startsWith("__reactFiber$"));
  });
}

/** Opens `path` as `who` in `colorScheme`, checks it answered `status` at that path, and waits for hydration. */
export async function openAs(
  current: { readonly context: BrowserContext; readonly page: Page },
  cookies: Record<Who, string>,
  { path, who, status, landsOn }: PageVisit,
  colorScheme: "light" | "dark",
): Promise<Page> {
  if (cookies[who]) await current.context.addCookies(browserCookies(cookies[who], appUrl));
  await current.page.emulateMedia({ colorScheme });
  const response = await current.page.goto(`${appUrl}${path}`);
  expect(response?.status()).toBe(status);
  const at = new URL(current.page.url());
  expect(`${at.pathname}${at.search}`).toBe(landsOn ?? path);
  await reactHydrated(current.page);
  return current.page;
}
