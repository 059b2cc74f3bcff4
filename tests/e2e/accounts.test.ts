import { describe, expect, inject, it } from "vitest";

import { readsOf, ROUTES } from "@/config/routes";

import { appUrl, arrivedAt, forgetSession, newPerson, queriesDuring, register, signIn } from "../support/app";
import { freshPagePerTest } from "../support/browser";
import { navbarSignOut } from "../support/navbar";

const current = freshPagePerTest();

const navName = () => current.page.getByTestId("nav-user-name");

describe("accounts in the browser", () => {
  it("registers, lands on the dashboard signed in, and signs out", async () => {
    const person = newPerson("Ada Lovelace");
    await register(current.page, person);
    expect(await navName().textContent()).toBe("Ada Lovelace");
    expect(await current.page.getByRole("heading", { level: 1 }).textContent()).toBe("Welcome, Ada Lovelace");
    expect(await current.page.getByTestId("dashboard-email").textContent()).toBe(person.email);
    expect(await current.page.getByTestId("dashboard-role").textContent()).toBe("user");
    expect(await current.page.getByTestId("nav-user-avatar").textContent()).toBe("AL");

    await navbarSignOut(current.page);
    await current.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" }).waitFor();
    expect(await navName().count()).toBe(0);
    const cookies = await current.context.cookies();
    expect(cookies.find((cookie) => cookie.name.includes("session-token"))).toBeUndefined();
  });

  it("says only 'Invalid email or password.' for a wrong password or an unknown email, and keeps the email", async () => {
    const person = newPerson();
    await register(current.page, person);
    await forgetSession(current.page);
    for (const [email, password] of [
      [person.email, "wrong password, long enough"],
      [`nobody-${person.email}`, person.password],
    ] as const) {
      await current.page.goto(`${appUrl}/login`);
      await signIn(current.page, email, password);
      const alert = current.page.locator("form").getByRole("alert");
      await alert.waitFor();
      expect(await alert.textContent()).toBe("Invalid email or password.");
      expect(await current.page.getByLabel("Email").inputValue()).toBe(email);
      expect(current.page.url()).toBe(`${appUrl}/login`);
    }
  });

  it("sends a signed-out visitor of /dashboard to sign in, and back to /dashboard after", async () => {
    const person = newPerson();
    await register(current.page, person);
    await forgetSession(current.page);
    await current.page.goto(`${appUrl}/dashboard`);
    expect(current.page.url()).toBe(`${appUrl}/login?callbackUrl=%2Fdashboard`);
    await signIn(current.page, person.email, person.password);
    await arrivedAt(current.page, `${appUrl}/dashboard`);
    expect(await navName().textContent()).toBe(person.name);
  });

  it("never follows a callbackUrl off this origin", async () => {
    const person = newPerson();
    await register(current.page, person);
    await forgetSession(current.page);
    await current.page.goto(`${appUrl}/login?callbackUrl=${encodeURIComponent("//evil.example/steal")}`);
    await signIn(current.page, person.email, person.password);
    await arrivedAt(current.page, `${appUrl}/dashboard`);
  });

  it("sends signed-in people from /login and /register to the dashboard", async () => {
    await register(current.page, newPerson());
    for (const path of ["/login", "/register"]) {
      await current.page.goto(`${appUrl}${path}`);
      expect(current.page.url()).toBe(`${appUrl}/dashboard`);
    }
  });

  it("shows a non-admin the 403 page, with status 403, at /admin", async () => {
    await register(current.page, newPerson());
    const response = await current.page.goto(`${appUrl}/admin`);
    expect(response?.status()).toBe(403);
    expect(await current.page.getByRole("heading", { level: 1 }).textContent()).toBe(
      "You don't have access to this page",
    );
    expect(current.page.url()).toBe(`${appUrl}/admin`);
  });

  it("lets the seeded admin change another person's role, but not remove the last admin", async () => {
    const person = newPerson("Grace Hopper");
    await register(current.page, person);
    await forgetSession(current.page);

    await signIn(current.page, inject("adminEmail"), inject("adminPassword"));
    await arrivedAt(current.page, `${appUrl}/dashboard`);
    expect(await current.page.getByTestId("dashboard-role").textContent()).toBe("admin");
    // Searched for: the table shows 50 accounts a page, and the shared server holds many more.
    await current.page.goto(`${appUrl}/admin?q=${encodeURIComponent(person.email)}`);
    const row = current.page.getByRole("row").filter({ hasText: person.email });
    await row.getByRole("combobox", { name: "Role of Grace Hopper" }).selectOption("admin");
    await row.getByRole("button", { name: "Save role" }).click();
    await row.getByRole("status").filter({ hasText: "Role saved." }).waitFor();

    // Demote them again, then try to demote the only remaining admin: refused.
    await row.getByRole("combobox", { name: "Role of Grace Hopper" }).selectOption("user");
    await row.getByRole("button", { name: "Save role" }).click();
    await row.getByRole("status").filter({ hasText: "Role saved." }).waitFor();

    await current.page.goto(`${appUrl}/admin?q=${encodeURIComponent(inject("adminEmail"))}`);
    const ownRow = current.page.getByRole("row").filter({ hasText: inject("adminEmail") });
    await ownRow.getByRole("combobox").selectOption("user");
    await ownRow.getByRole("button", { name: "Save role" }).click();
    await ownRow.getByRole("alert").filter({ hasText: "The last admin cannot stop being an admin." }).waitFor();
    await current.page.reload();
    expect(
      await current.page
        .getByRole("row")
        .filter({ hasText: inject("adminEmail") })
        .getByRole("combobox")
        .inputValue(),
    ).toBe("admin");
  });
});

describe("zero database queries on plain requests", () => {
  it("runs no query for auth on a signed-in page view, auth() in a server component, /api/auth/session or /api/me", async () => {
    const person = newPerson();
    await register(current.page, person);
    // Only what the dashboard declares it reads for its own content (0 unless a fork shows more there).
    expect(await queriesDuring(() => current.page.goto(`${appUrl}/dashboard`))).toBe(readsOf(ROUTES.dashboard));
    expect(await queriesDuring(() => current.page.goto(`${appUrl}/`))).toBe(0);
    expect(
      await queriesDuring(async () => {
        const session = await current.page.request.get(`${appUrl}/api/auth/session`);
        expect((await session.json()).user.email).toBe(person.email);
      }),
    ).toBe(0);
    expect(
      await queriesDuring(async () => {
        const me = await current.page.request.get(`${appUrl}/api/me`);
        expect(me.status()).toBe(200);
        expect(await me.json()).toMatchObject({ email: person.email, name: person.name, role: "user", image: null });
      }),
    ).toBe(readsOf(ROUTES.me));
  });

  // The throttle's three counters (email + IP, IP, account: see throttle.ts) are read (3), charged before the
  // compare (3) and settled after a right password (3); plus the lookup by email.
  it("runs exactly fourteen queries to sign in: the lookup, the three throttle counters (read, charged, settled), the device session (sweep, insert), the event and the events' sweep", async () => {
    const person = newPerson();
    await register(current.page, person);
    await forgetSession(current.page);
    await current.page.goto(`${appUrl}/login`);
    // Not counted: once the page runs, its passkey autofill asks for a challenge (3 statements: the per-IP challenge
    // counter, the sweep of expired challenges, the insert), whether or not anyone signs in.
    await current.page.waitForLoadState("networkidle");
    const queries = await queriesDuring(async () => {
      await signIn(current.page, person.email, person.password);
      await arrivedAt(current.page, `${appUrl}/dashboard`);
    });
    expect(queries).toBe(14);
  });
});
