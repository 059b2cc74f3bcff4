import { describe, expect, inject, it } from "vitest";

import { readsInBrowser, readsOf, ROUTES } from "@/config/routes";

import {
  appUrl,
  arrivedAt,
  forgetSession,
  hydrated,
  newPerson,
  register,
  securityCheckup,
  signIn,
  statementsOfRequest,
} from "../support/app";
import { expectAccessible } from "../support/axe";
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

  it("shows a security checkup on the dashboard: what protects the account, where to act, and the facts as they change", async () => {
    const person = newPerson("Ada Checkup");
    await register(current.page, person);
    let card = await securityCheckup(current.page);
    const item = (key: string) => card.getByTestId(`checkup-${key}`);
    // Registered through the link, so verified; nothing else yet. Each item says done or to do in words too.
    expect(await item("email").textContent()).toContain("Done: Email verified");
    expect(await item("two-factor").textContent()).toContain("To do: Turn on two-factor authentication");
    expect(await item("passkeys").textContent()).toContain("To do: Add a passkey");
    expect(await item("devices").textContent()).toContain("Signed in on 1 device");
    await card.getByText("2 steps would make your account safer.").waitFor();
    await expectAccessible(current.page);

    // A second sign-in (another browser) is one more device, as soon as the dashboard is opened again.
    const other = await current.page.context().browser()!.newContext();
    try {
      const tab = await other.newPage();
      await signIn(tab, person.email, person.password);
      await arrivedAt(tab, `${appUrl}/dashboard`);
    } finally {
      await other.close();
    }
    await current.page.reload();
    card = await securityCheckup(current.page);
    expect(await item("devices").textContent()).toContain("Signed in on 2 devices");

    // Each step links to where it is taken.
    await item("two-factor").getByRole("link", { name: "Set up two-factor" }).click();
    await arrivedAt(current.page, `${appUrl}/settings/security`);
    await current.page.getByRole("button", { name: "Set up two-factor" }).waitFor();
  });

  it("answers the checkup's API only to someone signed in", async () => {
    const response = await fetch(`${appUrl}/api/me/security`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "unauthorized" });
  });

  it("takes the strength hint away when the form empties the password field", async () => {
    const { page } = current;
    await page.goto(`${appUrl}/register`);
    await hydrated(page);
    const password = page.getByLabel("Password");
    await password.fill("passwordpassword");
    await page.getByText("Strength: Very weak").waitFor();
    // Sent with the other fields empty: React resets the form after the action (a password is never echoed back),
    // so the field is empty and the hint under it must go too.
    await page.getByRole("button", { name: "Create account" }).click();
    await page.locator("#name-error").waitFor();
    expect(await password.inputValue()).toBe("");
    // The hint, by its id: the server's error under the field quotes its words ("Strength: Very weak. …").
    expect(await page.locator("#password-strength").count()).toBe(0);
    expect(await password.getAttribute("aria-describedby")).not.toContain("password-strength");
    // And it comes back with the next typing (another value: React sees no change in a fill with the value it last
    // saw, where a person typing key by key always makes one).
    await password.fill("aaaaaaaaaaaaaaaa");
    await page.locator("#password-strength").filter({ hasText: "Strength: Very weak" }).waitFor();
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
    await current.page.waitForLoadState("networkidle");
    const row = current.page.getByRole("row").filter({ hasText: person.email });
    // Hydrated: the role saves on change, without a Save button, and asks before it grants admin.
    await row.getByRole("button", { name: "Save role" }).waitFor({ state: "detached" });
    await row.getByRole("combobox", { name: "Role of Grace Hopper" }).selectOption("admin");
    await current.page
      .getByRole("alertdialog", { name: "Make Grace Hopper an admin?" })
      .getByRole("button", { name: "Make admin" })
      .click();
    await row.getByRole("status").filter({ hasText: "Role saved." }).waitFor();

    // Demote them again: taking admin away asks nothing.
    await row.getByRole("combobox", { name: "Role of Grace Hopper" }).selectOption("user");
    // The same "Role saved." as before: what is stored says it was saved.
    await expect
      .poll(async () => {
        await current.page.reload();
        return row.getByRole("combobox", { name: "Role of Grace Hopper" }).inputValue();
      })
      .toBe("user");

    // An admin's own role is not offered (so the last admin cannot demote themselves either; the database's own
    // last-admin rule is tested in src/features/admin/admin.int.test.ts).
    await current.page.goto(`${appUrl}/admin?q=${encodeURIComponent(inject("adminEmail"))}`);
    const ownRow = current.page.getByRole("row").filter({ hasText: inject("adminEmail") });
    await ownRow.getByText("admin (you)").waitFor();
    expect(await ownRow.getByRole("combobox").count()).toBe(0);
  });
});

describe("zero database queries on plain requests", () => {
  it("runs no query for auth on a signed-in page view, auth() in a server component, /api/auth/session or /api/me", async () => {
    const person = newPerson();
    await register(current.page, person);
    // Only what the dashboard declares it reads for its own content (0 unless a fork shows more there).
    // Lists, not counts: a failure names the statements that were sent. The dashboard's own request reads
    // nothing; its security checkup card asks its API once shown (readsInBrowser counts both).
    const dashboard = readsInBrowser(ROUTES.dashboard);
    expect(await statementsOfRequest(() => current.page.goto(`${appUrl}/dashboard`), dashboard)).toHaveLength(
      dashboard,
    );
    expect(await statementsOfRequest(() => current.page.goto(`${appUrl}/`), 0)).toEqual([]);
    const session = async () => {
      const response = await current.page.request.get(`${appUrl}/api/auth/session`);
      expect((await response.json()).user.email).toBe(person.email);
    };
    expect(await statementsOfRequest(session, 0)).toEqual([]);
    const me = async () => {
      const response = await current.page.request.get(`${appUrl}/api/me`);
      expect(response.status()).toBe(200);
      expect(await response.json()).toMatchObject({
        email: person.email,
        name: person.name,
        role: "user",
        image: null,
      });
    };
    expect(await statementsOfRequest(me, readsOf(ROUTES.me))).toHaveLength(readsOf(ROUTES.me));
  });

  // The throttle's three counters (email + IP, IP, account: see throttle.ts) are read (3), charged before the
  // compare (3) and settled after a right password (3); plus the lookup by email.
  it("runs exactly fourteen queries to sign in: the lookup, the three throttle counters (read, charged, settled), the device session (sweep, insert), the event and the events' sweep", async () => {
    const person = newPerson();
    await register(current.page, person);
    // Plus what the dashboard it lands on costs in a browser (its checkup card's request).
    const expected = 14 + readsInBrowser(ROUTES.dashboard);
    // A signed-out browser on the sign-in page before each try (a second sign-in from it costs what the first did).
    const onSignInPage = async () => {
      await forgetSession(current.page);
      await current.page.goto(`${appUrl}/login`);
      // Not counted: once the page runs, its passkey autofill asks for a challenge (3 statements: the per-IP
      // challenge counter, the sweep of expired challenges, the insert), whether or not anyone signs in.
      await current.page.waitForLoadState("networkidle");
    };
    const signInThere = async () => {
      await signIn(current.page, person.email, person.password);
      await arrivedAt(current.page, `${appUrl}/dashboard`);
      await securityCheckup(current.page);
    };
    expect(await statementsOfRequest(signInThere, expected, onSignInPage)).toHaveLength(expected);
  });
});
