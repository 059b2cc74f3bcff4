import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { appUrl, newPerson, register } from "../support/app";
import { freshPagePerTest } from "../support/browser";
import { saveAndTimeNavbar } from "../support/profile-timing";

// A 1×1 PNG, served for the fake image host: the browser has no internet, and the avatar must really load.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const IMAGE = "https://img.example/avatar.png";

const current = freshPagePerTest((context) =>
  context.route("https://img.example/**", (route) =>
    route.fulfill({ status: 200, contentType: "image/png", body: PNG }),
  ),
);

const navName = (on: Page = current.page) => on.getByTestId("nav-user-name");

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe("editing the profile", () => {
  it("updates the navbar at once, without a navigation, in this tab and in another, and after a reload", async () => {
    await register(current.page, newPerson("Ada Lovelace"));
    const otherTab = await current.context.newPage();
    await otherTab.goto(`${appUrl}/dashboard`);
    expect(await navName(otherTab).textContent()).toBe("Ada Lovelace");

    await current.page.goto(`${appUrl}/profile`);
    await current.page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 42));
    await current.page.getByLabel("Name", { exact: true }).fill("Grace Hopper");
    await current.page.getByLabel("Image URL").fill(IMAGE);
    const elapsed = await saveAndTimeNavbar(current.page, "Grace Hopper");

    await current.page.getByRole("status").filter({ hasText: "Profile saved" }).waitFor();
    expect(await current.page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(42); // no navigation
    const avatar = current.page.getByTestId("nav-user-avatar");
    expect(await avatar.evaluate((element) => element.tagName)).toBe("IMG");
    expect(await avatar.getAttribute("src")).toBe(IMAGE);
    expect(await avatar.getAttribute("referrerpolicy")).toBe("no-referrer");
    expect(await avatar.getAttribute("alt")).toBe("Grace Hopper's avatar");
    expect(elapsed).toBeGreaterThan(0);

    // The other tab, opened before the save, follows within 5 s (next-auth broadcasts the change).
    await otherTab.waitForFunction(
      () => document.querySelector('[data-testid="nav-user-name"]')?.textContent === "Grace Hopper",
      null,
      { timeout: 5_000 },
    );

    await current.page.reload();
    expect(await navName().textContent()).toBe("Grace Hopper");
    expect(await current.page.getByLabel("Name", { exact: true }).inputValue()).toBe("Grace Hopper");
    // The server agrees: auth() in a server component and the session endpoint.
    await current.page.goto(`${appUrl}/dashboard`);
    expect(await current.page.getByRole("heading", { level: 1 }).textContent()).toBe("Welcome, Grace Hopper");
    const session = await (await current.page.request.get(`${appUrl}/api/auth/session`)).json();
    expect(session.user).toMatchObject({ name: "Grace Hopper", image: IMAGE, role: "user" });
  });

  it("measures Save → navbar over several saves (reported, not asserted)", async () => {
    await register(current.page, newPerson("Ada Lovelace"));
    await current.page.goto(`${appUrl}/profile`);
    const timings: number[] = [];
    for (let round = 1; round <= 7; round += 1) {
      await current.page.getByLabel("Name", { exact: true }).fill(`Name ${round}`);
      timings.push(await saveAndTimeNavbar(current.page, `Name ${round}`));
      await current.page.getByRole("status").filter({ hasText: "Profile saved" }).waitFor();
    }
    console.log(
      `[measure] profile save → navbar: median ${median(timings).toFixed(0)} ms (min ${Math.min(...timings).toFixed(0)}, max ${Math.max(...timings).toFixed(0)}, n=${timings.length})`,
    );
    expect(timings).toHaveLength(7);
  });

  it("falls back to initials when the image is removed or cannot load", async () => {
    await register(current.page, newPerson("Ada Lovelace"));
    await current.page.goto(`${appUrl}/profile`);
    await current.page.getByLabel("Image URL").fill("https://broken.example/missing.png");
    await current.context.route("https://broken.example/**", (route) => route.fulfill({ status: 404, body: "" }));
    await current.page.getByRole("button", { name: "Save" }).click();
    await current.page.getByRole("status").filter({ hasText: "Profile saved" }).waitFor();
    await current.page.waitForFunction(
      () => document.querySelector('[data-testid="nav-user-avatar"]')?.textContent === "AL",
    );
    await current.page.getByLabel("Image URL").fill("");
    await current.page.getByRole("button", { name: "Save" }).click();
    await current.page.getByRole("status").filter({ hasText: "Profile saved" }).waitFor();
    expect(await current.page.getByTestId("nav-user-avatar").textContent()).toBe("AL");
  });

  it("refuses a javascript: image URL with a field error, and changes nothing", async () => {
    await register(current.page, newPerson("Ada Lovelace"));
    await current.page.goto(`${appUrl}/profile`);
    await current.page.getByLabel("Name", { exact: true }).fill("Changed Name");
    await current.page.getByLabel("Image URL").fill("javascript:alert(document.cookie)");
    await current.page.getByRole("button", { name: "Save" }).click();
    const error = current.page.getByText("Use an https:// address for the image, or leave it empty.");
    await error.waitFor();
    const describedBy = await current.page.getByLabel("Image URL").getAttribute("aria-describedby");
    expect(describedBy).toContain(await error.getAttribute("id"));
    expect(await current.page.getByLabel("Name", { exact: true }).inputValue()).toBe("Changed Name"); // what was typed is kept
    expect(await navName().textContent()).toBe("Ada Lovelace");
    await current.page.reload();
    expect(await navName().textContent()).toBe("Ada Lovelace");
  });
});

describe("the session update endpoint under attack", () => {
  async function postSession(body: string, contentType = "application/json") {
    return current.page.request.post(`${appUrl}/api/auth/session`, {
      data: body,
      headers: { "content-type": contentType },
    });
  }
  async function csrfToken(): Promise<string> {
    return (await (await current.page.request.get(`${appUrl}/api/auth/csrf`)).json()).csrfToken;
  }

  it("cannot make anyone an admin: a crafted update with role admin leaves /admin at 403", async () => {
    const person = newPerson("Mallory");
    await register(current.page, person);
    const response = await postSession(
      JSON.stringify({
        csrfToken: await csrfToken(),
        data: {
          role: "admin",
          email: "admin@example.com",
          sub: "x",
          id: "x",
          name: "Evil",
          image: "javascript:alert(1)",
        },
      }),
    );
    expect(response.status()).toBe(200);
    expect((await response.json()).user).toMatchObject({
      role: "user",
      email: person.email,
      name: "Mallory",
      image: null,
    });
    expect((await current.page.goto(`${appUrl}/admin`))?.status()).toBe(403);
    expect(await (await current.page.request.get(`${appUrl}/api/me`)).json()).toMatchObject({
      role: "user",
      email: person.email,
      name: "Mallory",
    });
  });

  it.each([
    ["malformed JSON", "{not json"],
    ["a huge body", JSON.stringify({ data: { name: "a".repeat(2_000_000) } })],
    ["an array", "[1,2,3]"],
    ["no CSRF token", JSON.stringify({ data: { name: "x" } })],
    ["a wrong CSRF token", JSON.stringify({ csrfToken: "forged", data: { role: "admin" } })],
  ])("answers %s without a 500 and keeps the session as it was", async (_label, body) => {
    const person = newPerson("Ada Lovelace");
    await register(current.page, person);
    const response = await postSession(body);
    expect(response.status()).toBeLessThan(500);
    expect(await response.text()).not.toMatch(/\bat [\w.<>]+ \(|node_modules\//);
    const me = await current.page.request.get(`${appUrl}/api/me`);
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ name: "Ada Lovelace", role: "user", email: person.email });
  });
});
