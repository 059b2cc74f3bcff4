// What browser tests do again and again against the running app: make people, sign them in, count queries.
import { randomUUID } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { inject } from "vitest";

import { mailDirFor, queryLinesIn } from "./app-server";
import { linkTo, waitForMail, type MailQuery, type ReceivedMail } from "./mail-sink";
import { readSharedApps, type SharedApp } from "./shared-apps";

/**
 * The shared server of this file's worker (./shared-apps-ready.ts has waited for them). VITEST_POOL_ID (1 to
 * maxWorkers) is unique among the files running at once, so no other file's requests reach this server while
 * this one runs.
 */
function sharedApp(): SharedApp {
  const apps = readSharedApps(inject("sharedAppsFile"));
  if (!apps) throw new Error("the shared servers are not up: the e2e project's setupFiles wait for them");
  const worker = Number(process.env.VITEST_POOL_ID ?? "1");
  const app = apps[worker - 1];
  if (!app) throw new Error(`no shared server for worker ${worker}: the global set-up started ${apps.length}`);
  return app;
}

const shared = sharedApp();
export const appUrl = shared.url;
export { startApp, type RunningApp } from "./app-server";

/** The statements the shared server has sent so far (see queryLinesIn). */
function serverQueries(): string[] {
  return queryLinesIn(shared.logFile);
}

/**
 * The server's statements once it has gone quiet (no new statement for 300 ms, 5 s at most): work a previous
 * step left running — a sign-in still finishing on a busy machine, a job after a response — lands before the count
 * is taken, not inside the next step's.
 */
async function settledQueries(): Promise<string[]> {
  let queries = serverQueries();
  for (const deadline = Date.now() + 5_000; Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = serverQueries();
    if (now.length === queries.length) break;
    queries = now;
  }
  return queries;
}

/**
 * Runs `action` and returns the database statements the server sent meanwhile. Assert on the list where the
 * answer should be none (`toEqual([])`): a failure then names the statements instead of only counting them.
 */
export async function statementsDuring(action: () => Promise<unknown>): Promise<string[]> {
  const before = (await settledQueries()).length;
  await action();
  return (await settledQueries())
    .slice(before)
    .map((line) => line.slice(line.indexOf("[db] query:") + 12).slice(0, 120));
}

/**
 * statementsDuring for a request that can be sent again (a page view, a GET), measured a second time when the
 * first count is not `expected`. The log counts the server's statements, not the request's: on a loaded CI
 * machine a whole sign-in's fourteen once landed inside a signed-in page view that sends none (a cause outside
 * the request: it did not happen again on the next view). A request that really queries does so on both tries,
 * so a regression still fails; the first try's statements are printed for whoever reads the log. `prepare`, when
 * given, runs before each try and is not counted (a sign-in needs a signed-out browser on the sign-in page).
 */
export async function statementsOfRequest(
  action: () => Promise<unknown>,
  expected: number,
  prepare?: () => Promise<unknown>,
): Promise<string[]> {
  await prepare?.();
  const first = await statementsDuring(action);
  if (first.length === expected) return first;
  console.warn(
    `[e2e] ${first.length} statement(s), ${expected} expected; measuring again. They were:\n${first.join("\n")}`,
  );
  await prepare?.();
  return statementsDuring(action);
}

/**
 * Waits until the page is at `url` and loaded. The URL commits first (a soft navigation never fires "load" for
 * it, so waiting for "load" alone can miss it); then the load of a full navigation is awaited, because closing a
 * context in the middle of one can hang Chromium.
 */
export async function arrivedAt(page: Page, url: string | ((url: URL) => boolean)): Promise<void> {
  await page.waitForURL(url, { waitUntil: "commit" });
  await page.waitForLoadState("load");
}

/**
 * Forgets the session in this browser context. The page is first taken off the app: a request still in flight
 * (every session read re-sets the rolling session cookie) would otherwise put the cookie back after the clear.
 */
export async function forgetSession(page: Page): Promise<void> {
  await page.goto("about:blank");
  await page.context().clearCookies();
}

export interface Person {
  name: string;
  email: string;
  password: string;
}

export function newPerson(name = "Ada Lovelace"): Person {
  const id = randomUUID().slice(0, 8);
  return { name, email: `ada-${id}@example.test`, password: `correct horse battery ${id}` };
}

/** The dashboard's security checkup card, once it has loaded its facts (GET /api/me/security) and shows them. */
export async function securityCheckup(page: Page): Promise<Locator> {
  const card = page.getByRole("region", { name: "Security checkup" });
  await card.getByRole("list").waitFor();
  return card;
}

/** Resolves once React has hydrated the page's auth form (the form adds this field only then). */
export async function hydrated(page: Page): Promise<void> {
  await page.locator('input[name="navigation"]').first().waitFor({ state: "attached" });
}

/** Opens /register, fills it in and sends it; does not wait for what follows. */
export async function submitSignUp(page: Page, person: Person, baseUrl = appUrl): Promise<void> {
  await page.goto(`${baseUrl}/register`);
  await hydrated(page);
  await page.getByLabel("Name", { exact: true }).fill(person.name);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** Sends the sign-up form; resolves once the page answers (the inbox message, or an error). */
export async function signUp(page: Page, person: Person, baseUrl = appUrl): Promise<void> {
  await submitSignUp(page, person, baseUrl);
  // Inside <main>: Next's route announcer, on every page, is a role="alert" too.
  const main = page.locator("main");
  await main.getByRole("status").or(main.getByRole("alert")).first().waitFor();
}

/** The newest mail the app at `baseUrl` sent that matches `query`, waiting for it (over SMTP to the test sink). */
export function appMail(query: MailQuery, baseUrl = appUrl): Promise<ReceivedMail> {
  return waitForMail(mailDirFor(baseUrl), query);
}

/** Opens the newest mail to `email` about `subject` (since `since`) and follows its link to `pagePath`. */
export async function openMailedLink(
  page: Page,
  query: { to: string; subject: string; since?: number },
  pagePath: string,
  baseUrl = appUrl,
): Promise<void> {
  await page.goto(linkTo(await appMail(query, baseUrl), pagePath));
}

/**
 * A new account, the whole way a person makes one: sign up, open the verification link from the mail (the app
 * sent it over SMTP to the loopback sink), sign in. Ends on the dashboard, signed in.
 */
/**
 * `person`, registered in one new browser and signed in in another: [the first, the second]. `newPage` opens a
 * page in a context of its own (the test closes them).
 */
export async function signedInTwice(
  newPage: () => Promise<Page>,
  person: Person,
  baseUrl = appUrl,
): Promise<[Page, Page]> {
  const here = await newPage();
  await register(here, person, baseUrl);
  const elsewhere = await newPage();
  await signIn(elsewhere, person.email, person.password, baseUrl);
  await arrivedAt(elsewhere, `${baseUrl}/dashboard`);
  return [here, elsewhere];
}

export async function register(page: Page, person: Person, baseUrl = appUrl): Promise<void> {
  const since = Date.now();
  await signUp(page, person, baseUrl);
  await page
    .getByRole("status")
    .filter({ hasText: `Check your inbox: we sent a link to ${person.email}.` })
    .waitFor();
  await openMailedLink(page, { to: person.email, subject: "Verify your email", since }, "/verify-email", baseUrl);
  await page.getByRole("status").filter({ hasText: "Email verified." }).waitFor();
  await page.goto(`${baseUrl}/login`);
  await signIn(page, person.email, person.password, baseUrl);
  await arrivedAt(page, `${baseUrl}/dashboard`);
}

export async function signIn(page: Page, email: string, password: string, baseUrl = appUrl): Promise<void> {
  if (!page.url().includes("/login")) await page.goto(`${baseUrl}/login`);
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** The form of a /settings section, found by its heading ("Password", "Email", …): two have a Current password. */
export function settingsForm(page: Page, heading: string): Locator {
  return page.locator("form").filter({ has: page.getByRole("heading", { level: 2, name: heading, exact: true }) });
}

/**
 * Clicks a destructive form's button on a hydrated page, then the same action in the dialog that asks to confirm
 * it (the question is asked only once React runs the page; without JavaScript the form submits at once).
 */
export async function confirmDestructive(page: Page, action: string): Promise<void> {
  await page.getByRole("button", { name: action }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: action }).click();
}

/**
 * Clicks "Sign out of all devices" on /settings, confirms, and waits for the sign-in page.
 *
 * First the page goes quiet: a response still in flight that sets the session cookie (the session endpoint the
 * client refetches) would put the cookie back after the sign-out cleared it, and this browser would land on the
 * dashboard, holding its (now revoked) token until the bound passes. (The Edge guard, which used to re-set the
 * cookie on every request, no longer writes it at all.)
 */
export async function signOutEverywhere(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await hydrated(page);
  await confirmDestructive(page, "Sign out of all devices");
  await arrivedAt(page, (url) => url.pathname === "/login");
}
