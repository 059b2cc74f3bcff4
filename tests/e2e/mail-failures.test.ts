// When mail goes wrong, in Chromium, on a server of its own whose SMTP server lives in this process (so the test
// can make it refuse or fall silent) and whose PostgreSQL database the test can reach (so it can move a link's
// expiry into the past instead of waiting 30 minutes).
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { openDatabase } from "@/db";

import { appMail, newPerson, signUp, startApp, type Person, type RunningApp } from "../support/app";
import { launchBrowser } from "../support/browser";
import { postForm, signUpDirect } from "../support/http-session";
import { linkTo } from "../support/mail-sink";
import { databaseUrlFor, onAdminDatabase } from "../support/postgres";

const database = `e2e_mail_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
const databaseUrl = databaseUrlFor(database);

describe.skipIf(process.env.E2E_POSTGRES !== "true")("when mail goes wrong", () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    await onAdminDatabase(`create database "${database}"`);
    await (await openDatabase({ databaseUrl, migrate: true })).close();
    [app, browser] = await Promise.all([startApp({ env: { DATABASE_URL: databaseUrl } }), launchBrowser()]);
  }, 120_000);

  afterEach(() => {
    app.mail!.behaviour = "accept";
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await onAdminDatabase(`drop database if exists "${database}" with (force)`);
  });

  async function newPage(): Promise<Page> {
    return (await browser.newContext()).newPage();
  }

  /**
   * The sign-up page's answer (a new address) and the forgot-password page's (an account made before, while the
   * mail still went out), as a person sees them: each form sends one mail.
   */
  async function answers(page: Page, existing: Person): Promise<string[]> {
    const person = newPerson();
    await signUp(page, person, app.url);
    const signUpAnswer = await page.getByRole("status").textContent();
    await page.goto(`${app.url}/forgot-password`);
    await page.getByLabel("Email").fill(existing.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    const status = page.getByRole("status");
    await status.waitFor();
    return [signUpAnswer!.replace(person.email, "<email>"), (await status.textContent())!];
  }

  /** An account, made the whole way (sign-up, its link, a sign-in) while the mail goes out. */
  async function registered(): Promise<Person> {
    const person = newPerson();
    await signUpDirect(person, app.url);
    return person;
  }

  /** The server's log lines of mail given up on. */
  const failureLines = () =>
    readFileSync(app.logFile, "utf8")
      .split("\n")
      .filter((line) => line.includes("not sent after 3 attempts"));

  const EXPECTED = [
    "Check your inbox: we sent a link to <email>.",
    "If an account exists for that email, we sent a link to reset the password.",
  ];

  it("answers the same when the SMTP server refuses every message, and logs the failure without its link", async () => {
    const existing = await registered();
    app.mail!.behaviour = "refuse";
    const attemptsBefore = app.mail!.attempts;
    expect(await answers(await newPage(), existing)).toEqual(EXPECTED);
    // Three tries each (1 s, then 4 s apart), then one line in the server's log per mail.
    const deadline = Date.now() + 20_000;
    let failures: string[] = [];
    while (failures.length < 2 && Date.now() < deadline) {
      failures = failureLines();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(failures).toHaveLength(2);
    expect(app.mail!.attempts - attemptsBefore).toBe(6);
    expect(readFileSync(app.logFile, "utf8")).not.toMatch(/token=/);
  }, 60_000);

  it("answers the same, at once, when the SMTP server takes the message and never replies", async () => {
    const existing = await registered();
    app.mail!.behaviour = "hang";
    const attemptsBefore = app.mail!.attempts;
    const failuresBefore = failureLines().length;
    expect(await answers(await newPage(), existing)).toEqual(EXPECTED);
    // Both answers came while the server still held a message it never confirmed (an attempt lasts up to 30 s):
    // nothing waited for it.
    expect(app.mail!.attempts - attemptsBefore).toBeGreaterThanOrEqual(1);
    expect(failureLines()).toHaveLength(failuresBefore);
  }, 60_000);

  it("refuses a reset link whose 30 minutes are over (its expiry moved into the past, not waited for)", async () => {
    const person = await registered();
    const page = await newPage();
    const since = Date.now();
    const answer = await (await postForm("/forgot-password", [["email", person.email]], app.url)).text();
    expect(answer).toContain("If an account exists for that email, we sent a link to reset the password.");
    const link = linkTo(
      await appMail({ to: person.email, subject: "Reset your password", since }, app.url),
      "/reset-password",
    );
    const db = await openDatabase({ databaseUrl });
    try {
      await db.db.execute(
        sql`update verification_tokens set expires_at = now() - interval '1 second' where email = ${person.email} and purpose = 'reset-password'`,
      );
    } finally {
      await db.close();
    }
    await page.goto(link);
    await page.locator("main").getByRole("alert").filter({ hasText: "This link is invalid or has expired." }).waitFor();
    expect(await page.getByRole("link", { name: "Get a new link" }).getAttribute("href")).toBe("/forgot-password");
  });
});
