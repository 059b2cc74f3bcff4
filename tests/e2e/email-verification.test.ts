// Sign-up and email verification in Chromium, as people do it: the page's answer, the mail the app sent over SMTP
// (to the loopback sink), the link opened from it. Verification is required here (the default).
import { describe, expect, it } from "vitest";

import {
  appMail,
  appUrl,
  hydrated,
  newPerson,
  openMailedLink,
  register,
  signIn,
  signUp,
  type Person,
} from "../support/app";
import { axeFindings } from "../support/axe";
import { freshPagePerTest } from "../support/browser";
import { linkTo } from "../support/mail-sink";

const current = freshPagePerTest();
const status = () => current.page.getByRole("status");
const alert = () => current.page.locator("main").getByRole("alert");

/** Signs `person` up in this test's page and returns the verification link the app mailed them. */
async function signUpForLink(person: Person): Promise<string> {
  const since = Date.now();
  await signUp(current.page, person);
  return linkTo(await appMail({ to: person.email, subject: "Verify your email", since }), "/verify-email");
}

describe("signing up with an address that must be verified", () => {
  it("answers a new address and a taken one with the same page and status; the mail tells them apart", async () => {
    const owner = newPerson("Ada Lovelace");
    await register(current.page, owner); // an account with this address, verified, signed in
    const taken = { ...newPerson("Someone Else"), email: owner.email.toUpperCase() };
    const fresh = newPerson("Grace Hopper");

    const answers: Array<{ status: number | undefined; text: string; values: string[] }> = [];
    for (const person of [fresh, taken]) {
      const context = await current.context.browser()!.newContext();
      try {
        const page = await context.newPage();
        const since = Date.now();
        // The action's own answer: the POST the form sends.
        const posted = page.waitForResponse(
          (response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/register",
        );
        await signUp(page, person);
        const response = await posted;
        const message = page.getByRole("status");
        answers.push({
          status: response.status(),
          text: (await message.textContent())!.replace(person.email.toLowerCase(), "<email>"),
          // The form gives way to the confirmation after either answer: its one field is the address to send the
          // link to again, filled in (the password is never kept).
          values: (
            await page
              .locator("form input:not([type=hidden])")
              .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))
          ).map((value) => value.replace(person.email.toLowerCase(), "<email>")),
        });
        expect(new URL(page.url()).pathname).toBe("/register");
        const mail = await appMail({ to: person.email, since });
        expect(mail.subject).toBe(person === fresh ? "Verify your email" : "Someone tried to sign up with your email");
      } finally {
        await context.close();
      }
    }
    expect(answers[0]).toEqual({
      status: 200,
      text: "Check your inbox: we sent a link to <email>.",
      values: ["<email>"],
    });
    expect(answers[1]).toEqual(answers[0]);
  });

  it("has no account before the link is opened: signing in answers as a wrong password does; a new link replaces the first", async () => {
    const person = newPerson();
    const since = Date.now();
    await signUp(current.page, person);
    expect(await status().textContent()).toBe(`Check your inbox: we sent a link to ${person.email}.`);
    const first = await appMail({ to: person.email, subject: "Verify your email", since });

    await current.page.goto(`${appUrl}/login`);
    await current.page.getByText("Just created an account? Open the link we sent you first.").waitFor();
    await signIn(current.page, person.email, person.password);
    await alert().filter({ hasText: "Invalid email or password." }).waitFor();
    expect(new URL(current.page.url()).pathname).toBe("/login");

    // "Send a new link" from the link page's form gets a second one.
    await current.page.goto(`${appUrl}/verify-email`);
    await current.page.getByLabel("Email").fill(person.email);
    await current.page.getByRole("button", { name: "Send a new link" }).click();
    await status().filter({ hasText: "we sent it a new link" }).waitFor();
    const second = await appMail({ to: person.email, subject: "Verify your email", since: first.receivedAt + 1 });
    expect(linkTo(second, "/verify-email")).not.toBe(linkTo(first, "/verify-email"));

    // The first link was replaced by the second.
    await current.page.goto(linkTo(first, "/verify-email"));
    await alert().filter({ hasText: "This link is invalid or has expired." }).waitFor();
    await current.page.goto(linkTo(second, "/verify-email"));
    await status().filter({ hasText: "Email verified." }).waitFor();

    await current.page.goto(`${appUrl}/login`);
    await signIn(current.page, person.email, person.password);
    await current.page.waitForURL(`${appUrl}/dashboard`);
  });

  it("confirms the sign-up with a way to send the link again (the address filled in) and one back for a wrong address", async () => {
    const person = newPerson();
    const since = Date.now();
    await signUp(current.page, person);
    await status()
      .filter({ hasText: `we sent a link to ${person.email}` })
      .waitFor();
    const first = await appMail({ to: person.email, subject: "Verify your email", since });
    const again = current.page.locator("form").filter({ has: current.page.getByText("Didn't get it?") });
    expect(await again.getByLabel("Email").inputValue()).toBe(person.email);
    await again.getByRole("button", { name: "Send a new link" }).click();
    await again.getByRole("status").filter({ hasText: "we sent it a new link" }).waitFor();
    await appMail({ to: person.email, subject: "Verify your email", since: first.receivedAt + 1 });
    expect(await axeFindings(current.page)).toEqual([]);

    await current.page.getByRole("link", { name: "Sign up again with another one" }).click();
    await current.page.getByRole("button", { name: "Create account" }).waitFor();
    expect(await current.page.getByLabel("Email").inputValue()).toBe("");
  });

  it("spends a link once: opened again, it is invalid, with a way to get a new one", async () => {
    const person = newPerson();
    const since = Date.now();
    await signUp(current.page, person);
    await openMailedLink(current.page, { to: person.email, subject: "Verify your email", since }, "/verify-email");
    await status().filter({ hasText: "Email verified." }).waitFor();
    await current.page.reload();
    await alert().filter({ hasText: "This link is invalid or has expired." }).waitFor();
    expect(await current.page.getByRole("heading", { name: "Get a new link" }).count()).toBe(1);

    // The way to a new one answers the same for every address.
    await current.page.getByLabel("Email").fill(person.email);
    await current.page.getByRole("button", { name: "Send a new link" }).click();
    await status()
      .filter({ hasText: "If that address has an account waiting to be verified, we sent it a new link." })
      .waitFor();
  });

  it("refuses a tampered link and a link meant for another page, and verifies nothing", async () => {
    const person = newPerson();
    const link = new URL(await signUpForLink(person));
    const token = link.searchParams.get("token")!;
    for (const bad of [`${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`, "short", ""]) {
      await current.page.goto(`${appUrl}/verify-email?token=${encodeURIComponent(bad)}`);
      await alert().filter({ hasText: "This link is invalid or has expired." }).waitFor();
    }
    // The verification link on the reset page: not a reset link.
    await current.page.goto(`${appUrl}/reset-password?token=${token}`);
    await alert().filter({ hasText: "This link is invalid or has expired." }).waitFor();
    // Still no account: signing in answers as a wrong password does.
    await current.page.goto(`${appUrl}/login`);
    await signIn(current.page, person.email, person.password);
    await alert().filter({ hasText: "Invalid email or password." }).waitFor();
  });

  it("lets one of two tabs racing on one link verify, and tells the other it is spent", async () => {
    const person = newPerson();
    const link = await signUpForLink(person);
    const tabs = [current.page, await current.context.newPage()];
    await Promise.all(tabs.map((tab) => tab.goto(link)));
    const outcomes = await Promise.all(
      tabs.map(async (tab) => {
        const answer = tab.getByRole("status").or(tab.locator("main").getByRole("alert"));
        await answer.first().waitFor();
        return answer.first().textContent();
      }),
    );
    expect(outcomes.sort()).toEqual(["Email verified.", "This link is invalid or has expired."]);
  });

  it("sends the link page with Referrer-Policy: no-referrer, and spends nothing on a GET", async () => {
    const person = newPerson();
    const link = await signUpForLink(person);
    // What a mail scanner does: fetch the link, run no script.
    const scanned = await fetch(link);
    expect(scanned.status).toBe(200);
    expect(scanned.headers.get("referrer-policy")).toBe("no-referrer");
    await current.page.goto(link);
    await status().filter({ hasText: "Email verified." }).waitFor();
    // The page's own policy: the origin alone (never the token), and a real Origin on its form's POST.
    expect(await current.page.locator('meta[name="referrer"]').getAttribute("content")).toBe("strict-origin");
  });

  it("verifies without JavaScript: the link's button does what the script does", async () => {
    const person = newPerson();
    const link = await signUpForLink(person);
    const context = await current.context.browser()!.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(link);
      await page.getByRole("button", { name: "Verify email" }).click();
      await page.getByRole("status").filter({ hasText: "Email verified." }).waitFor();
    } finally {
      await context.close();
    }
  });

  it("has no development outbox in a production build", async () => {
    expect((await fetch(`${appUrl}/dev/mail`)).status).toBe(404);
  });

  it("carries a sign-up's callbackUrl through the mail: verified and signed in, the person lands where they set out for", async () => {
    const person = newPerson();
    const since = Date.now();
    await current.page.goto(`${appUrl}/register?callbackUrl=${encodeURIComponent("/settings/devices")}`);
    await hydrated(current.page);
    await current.page.getByLabel("Name", { exact: true }).fill(person.name);
    await current.page.getByLabel("Email").fill(person.email);
    await current.page.getByLabel("Password").fill(person.password);
    await current.page.getByRole("button", { name: "Create account" }).click();
    await status().waitFor();
    const link = new URL(
      linkTo(await appMail({ to: person.email, subject: "Verify your email", since }), "/verify-email"),
    );
    expect(link.searchParams.get("callbackUrl")).toBe("/settings/devices");
    await current.page.goto(link.href);
    await status().filter({ hasText: "Email verified." }).waitFor();
    await current.page.getByRole("link", { name: "Continue" }).click();
    await current.page.waitForURL(`${appUrl}/login?callbackUrl=%2Fsettings%2Fdevices`);
    await signIn(current.page, person.email, person.password);
    await current.page.waitForURL(`${appUrl}/settings/devices`);
  });

  it("holds a callbackUrl written into a link by hand to this origin, like any other", async () => {
    const person = newPerson();
    const link = new URL(await signUpForLink(person));
    link.searchParams.set("callbackUrl", "/.//evil.example");
    await current.page.goto(link.href);
    await status().filter({ hasText: "Email verified." }).waitFor();
    expect(await current.page.getByRole("link", { name: "Continue" }).getAttribute("href")).toBe("/login");
  });
});
