import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { appUrl } from "../support/app";
import { launchBrowser } from "../support/browser";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe("home page, signed out", () => {
  it("shows the Main navigation with Sign in and Create account", async () => {
    const response = await page.goto(appUrl);
    expect(response?.status()).toBe(200);
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.waitFor();
    await expect(nav.getByRole("link", { name: "Sign in" }).getAttribute("href")).resolves.toBe("/login");
    await expect(nav.getByRole("link", { name: "Create account" }).getAttribute("href")).resolves.toBe("/register");
    expect(await page.title()).toBe("Edge JWT Auth");
  });

  it("reports a healthy embedded database", async () => {
    const response = await page.request.get(`${appUrl}/api/health`);
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "ok" });
  });
});

describe("the benchmark's public twin of /dashboard", () => {
  it("is a 404 unless the server runs with BENCH_ROUTES=true (the bench's smoke run covers it switched on)", async () => {
    const response = await fetch(`${appUrl}/bench/public-dashboard`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("bench-person@example.com");
  });
});
