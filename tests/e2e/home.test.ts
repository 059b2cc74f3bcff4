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

describe("an address with no page", () => {
  it("answers 404 with the app's own page: the navbar, a heading, and a link home that works", async () => {
    const response = await page.goto(`${appUrl}/no-such-page`);
    expect(response?.status()).toBe(404);
    await page.getByRole("navigation", { name: "Main" }).waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Page not found");
    expect(await page.title()).toBe("Page not found · Edge JWT Auth");
    await page.getByRole("link", { name: "Back to the home page" }).click();
    await page.waitForURL(`${appUrl}/`);
  });
});

describe("the site icon", () => {
  it("is linked from every page and served, so no browser asks for a missing /favicon.ico (a 404 in every console)", async () => {
    const missing: string[] = [];
    const fresh = await browser.newPage();
    fresh.on("response", (answer) => {
      if (answer.status() === 404) missing.push(answer.url());
    });
    await fresh.goto(appUrl);
    await fresh.getByRole("navigation", { name: "Main" }).waitFor();
    const href = await fresh.locator('head link[rel="icon"]').getAttribute("href");
    expect(href).toMatch(/^\/icon\.svg/);
    const icon = await fresh.request.get(new URL(href!, appUrl).href);
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toContain("image/svg+xml");
    expect(missing).toEqual([]);
    await fresh.close();
  });
});
