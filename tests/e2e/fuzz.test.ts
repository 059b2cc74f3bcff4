// Property-based fuzzing of every form action and JSON endpoint against the production server: whatever the
// body, the answer is 2xx/3xx/4xx (never 5xx), the server stays up, and the users table changes only by the
// requests that were valid. FUZZ_RUNS sets the bodies per endpoint (default 1,000). The forms that send mail are
// fuzzed too (forgot password, the verification and reset links' forms, the change of email), and so are the
// Devices forms of /settings/devices, the Passkeys section's rename and remove forms (with a passkey listed), and the
// two-factor forms: both of /login/two-factor (with a pending sign-in behind them), and those of /settings/security
// Two-factor section in each state it shows them (off, being set up, on). POST /api/token gets any headers and body.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { appMail, newPerson, startApp, type RunningApp } from "../support/app";
import { actionFields, postForm, signUpDirect } from "../support/direct";
import { sessionCookie } from "../support/http-session";
import { linkTo } from "../support/mail-sink";
import { addPasskeyInChromium } from "../support/passkeys";
import { enrolDirect, passwordStepDirect } from "../support/two-factor";

// 1,000 by default: `npm test` must fit its budget on two cores, where a form post costs 10–15 ms; set FUZZ_RUNS
// higher for a deeper run by hand.
const RUNS = Number(process.env.FUZZ_RUNS ?? 1_000);
/** The re-authentication's fields, which every sensitive form of /settings carries. */
const REAUTH = ["currentPassword", "reauthCode", "passkeyAssertion"];
const seen = new Map<string, number[]>();

// Field values as a script would send them: any text (lone surrogates and controls included), near-valid and
// huge values, several values for one field, or a file.
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "binary", maxLength: 80 }) },
  { weight: 2, arbitrary: fc.emailAddress() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "\u0000",
      "javascript:alert(1)",
      "https://img.example/a.png",
      "correct horse battery staple",
      "123456", // the shape of an authenticator app's code, and of a recovery code: both get past the schemas
      "ABCD-EFGH-JKMN-PQRS",
    ),
  },
  { weight: 1, arbitrary: fc.string({ minLength: 3_000, maxLength: 12_000 }) },
);
const value = fc.oneof(
  { weight: 6, arbitrary: text.map((v) => [v]) },
  { weight: 1, arbitrary: fc.array(text, { minLength: 2, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constant([new Blob(["x"])]) },
);
const formBody = (fields: string[]) =>
  fc.dictionary(fc.constantFrom(...fields, "id", "role", "$ACTION_KEY"), value, { maxKeys: fields.length + 2 });

function record(endpoint: string, status: number): void {
  seen.set(endpoint, [...(seen.get(endpoint) ?? []), status]);
}

async function userCount(adminCookie: string): Promise<number> {
  const html = await (await fetch(`${appUrl}/admin`, { headers: { cookie: adminCookie } })).text();
  return (html.match(/<tr/g)?.length ?? 1) - 1; // minus the header row
}

let adminCookie = "";
let memberCookie = "";
const member = newPerson("Fuzz Member");
// A server of its own: thousands of requests and accounts must not change what the other browser tests see. On
// localhost, so that a passkey can be added (an IP address is no valid WebAuthn relying party).
let app: RunningApp;
let appUrl = "";

beforeAll(async () => {
  app = await startApp({ host: "localhost" });
  appUrl = app.url;
  // A member to fuzz the signed-in forms with, and the seeded admin to count the users with.
  memberCookie = (await signUpDirect(member, appUrl)).map((cookie) => cookie.split(";")[0]).join("; ");
  const signedIn = await postForm(
    "/login",
    [
      ["email", inject("adminEmail")],
      ["password", app.adminPassword],
    ],
    appUrl,
  );
  adminCookie = signedIn.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
  expect(adminCookie).toContain("session-token");
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

/**
 * Posts RUNS random bodies to the form on `path`; resolves with the addresses of the sign-ups it answered with
 * "Check your inbox" (normalised as the server stores them), which are the only ones that may create a user.
 */
async function fuzzForm(
  path: string,
  fields: string[],
  cookie = "",
  formWith?: string,
  runs = RUNS,
  signsNoOneIn = false,
): Promise<Set<string>> {
  const hidden = await actionFields(path, cookie, appUrl, formWith);
  const endpoint = formWith ? `${path.split("?")[0]} (${formWith})` : path.split("?")[0]!;
  const accepted = new Set<string>();
  await fc.assert(
    fc.asyncProperty(formBody(fields), async (body) => {
      const form = new FormData();
      for (const [name, v] of hidden) form.append(name, v);
      for (const [name, values] of Object.entries(body)) for (const item of values) form.append(name, item);
      const response = await fetch(`${appUrl}${path}`, {
        method: "POST",
        body: form,
        redirect: "manual",
        headers: { origin: appUrl, cookie },
      });
      record(endpoint, response.status);
      if (signsNoOneIn && /authjs\.session-token=[^;]/.test(response.headers.get("set-cookie") ?? "")) return false;
      const html = await response.text();
      const email = body.email?.[0];
      if (html.includes("Check your inbox") && typeof email === "string") accepted.add(email.trim().toLowerCase());
      return response.status < 500;
    }),
    { numRuns: runs },
  );
  return accepted;
}

describe(`fuzzing (${RUNS} bodies per endpoint)`, () => {
  it("the sign-up form: never 5xx, and no body creates a user (an account waits for its link)", async () => {
    const before = await userCount(adminCookie);
    await fuzzForm("/register", ["name", "email", "password", "callbackUrl", "navigation"]);
    // And one body that is valid for sure: answered "Check your inbox", and no account either.
    const valid = newPerson("Fuzz Valid");
    const fields: Array<[string, string]> = [
      ["name", valid.name],
      ["email", valid.email],
      ["password", valid.password],
    ];
    expect(await (await postForm("/register", fields, appUrl)).text()).toContain("Check your inbox");
    expect(await userCount(adminCookie)).toBe(before);
  }, 600_000);

  it("the sign-in form: never 5xx", async () => {
    const before = await userCount(adminCookie);
    await fuzzForm("/login", ["email", "password", "callbackUrl", "navigation"]);
    expect(await userCount(adminCookie)).toBe(before);
  }, 600_000);

  it("the profile form (signed in): never 5xx", async () => {
    await fuzzForm("/profile", ["name", "image"], memberCookie);
  }, 600_000);

  it("POST /api/auth/callback/credentials: never 5xx, and creates no one", async () => {
    const before = await userCount(adminCookie);
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom("email", "password", "csrfToken", "callbackUrl", "redirect"), text, {
          maxKeys: 5,
        }),
        async (body) => {
          const response = await fetch(`${appUrl}/api/auth/callback/credentials`, {
            method: "POST",
            redirect: "manual",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams(body),
          });
          record("/api/auth/callback/credentials", response.status);
          await response.arrayBuffer();
          return response.status < 500;
        },
      ),
      { numRuns: RUNS },
    );
    expect(await userCount(adminCookie)).toBe(before);
  }, 600_000);

  it("POST /api/auth/session (signed in, any JSON): never 5xx, and the session keeps its role", async () => {
    // With a valid CSRF token most bodies reach the jwt callback's update branch; without, Auth.js refuses them.
    const csrf = await fetch(`${appUrl}/api/auth/csrf`, { headers: { cookie: memberCookie } });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headers
      .getSetCookie()
      .map((header) => header.split(";")[0] ?? "")
      .filter((pair) => pair.includes("csrf-token"))
      .at(-1);
    const cookie = [memberCookie, csrfCookie].filter(Boolean).join("; ");
    const bodies = fc.oneof(
      { weight: 3, arbitrary: fc.jsonValue().map((data) => JSON.stringify({ csrfToken, data })) },
      { weight: 1, arbitrary: fc.jsonValue().map((data) => JSON.stringify({ data })) },
      { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 200 }) },
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const response = await fetch(`${appUrl}/api/auth/session`, {
          method: "POST",
          headers: { cookie, "content-type": "application/json" },
          body,
        });
        record("/api/auth/session", response.status);
        await response.arrayBuffer();
        return response.status < 500;
      }),
      { numRuns: RUNS },
    );
    const me = await (await fetch(`${appUrl}/api/me`, { headers: { cookie: memberCookie } })).json();
    expect(me.role).toBe("user");
  }, 600_000);

  it("the forgot-password form: never 5xx", async () => {
    await fuzzForm("/forgot-password", ["email"]);
  }, 600_000);

  it("the verification link's form and its 'send a new link' form: never 5xx", async () => {
    // One short field of one shape (43 base64url characters): a quarter of the bodies covers it.
    await fuzzForm(`/verify-email?token=${"A".repeat(43)}`, ["token"], "", "token", Math.ceil(RUNS / 4));
    await fuzzForm("/verify-email", ["email"], "", "email");
  }, 600_000);

  it("the cancel link's form (an email change's, to the old address): never 5xx", async () => {
    await fuzzForm(`/cancel-email-change?token=${"A".repeat(43)}`, ["token"], "", "token", Math.ceil(RUNS / 4));
  }, 600_000);

  it("the reset form, opened from a real link: never 5xx, and the password is still the owner's", async () => {
    const since = Date.now();
    await (await postForm("/forgot-password", [["email", member.email]], appUrl)).text();
    const mail = await appMail({ to: member.email, subject: "Reset your password", since }, appUrl);
    const link = new URL(linkTo(mail, "/reset-password"));
    await fuzzForm(`${link.pathname}${link.search}`, ["token", "newPassword", "confirmNewPassword", "navigation"]);
    expect(await sessionCookie(member.email, member.password, appUrl)).toContain("session-token");
  }, 600_000);

  it("the Devices forms (signed in): never 5xx, and this session stays", async () => {
    // A second session of the member's, so the list has a device to sign out (and a form to fuzz).
    await sessionCookie(member.email, member.password, appUrl);
    // One short field with one shape (16 base64url characters): a quarter of the bodies covers it.
    await fuzzForm("/settings/devices", ["sessionId", "navigation"], memberCookie, "sessionId", Math.ceil(RUNS / 4));
    // A form with no field of its own: only stray keys and the action's state vary, so a tenth of the bodies.
    await fuzzForm("/settings/devices", [], memberCookie, "Sign out of all other devices", Math.ceil(RUNS / 10));
    expect((await fetch(`${appUrl}/api/me`, { headers: { cookie: memberCookie } })).status).toBe(200);
  }, 600_000);

  it("the Passkeys forms, with a passkey listed: never 5xx, and the passkey stays, under its name", async () => {
    await addPasskeyInChromium(appUrl, memberCookie, member.password, "Fuzz key");
    // The bodies never carry the passkey's id (only the forms' $ACTION fields are kept), so each meets the checks
    // of a post that names no passkey of the member's.
    await fuzzForm("/settings/security", ["passkeyId", "name"], memberCookie, "Rename", Math.ceil(RUNS / 4));
    await fuzzForm("/settings/security", ["passkeyId"], memberCookie, "Remove", Math.ceil(RUNS / 4));
    const settings = await (await fetch(`${appUrl}/settings/security`, { headers: { cookie: memberCookie } })).text();
    expect(settings).toContain('aria-label="Remove passkey Fuzz key"');
  }, 600_000);

  it("the two-factor sign-in forms, with a pending sign-in behind them: never 5xx, and no session", async () => {
    // An account of its own: its wrong codes count against its sign-in throttle.
    const person = newPerson("Fuzz Two-Factor");
    const cookie = (await signUpDirect(person, appUrl)).map((header) => header.split(";")[0]).join("; ");
    await enrolDirect(appUrl, cookie, person.password);
    // Five wrong codes end a pending sign-in; the rest of the bodies meet an ended one, as a replay would.
    const pending = await passwordStepDirect(appUrl, person.email, person.password);
    const runs = Math.ceil(RUNS / 4); // one short field
    await fuzzForm("/login/two-factor", ["code", "callbackUrl", "navigation"], pending, "code", runs, true);
    const recovery = ["recoveryCode", "callbackUrl", "navigation"];
    const again = await passwordStepDirect(appUrl, person.email, person.password);
    await fuzzForm("/login/two-factor?recovery=1", recovery, again, "recoveryCode", runs, true);
    // The Settings forms of two-factor that is on, fuzzed after the sign-in forms: their wrong passwords throttle.
    await fuzzForm("/settings/security", REAUTH, cookie, "Regenerate recovery codes", runs);
    await fuzzForm("/settings/security", REAUTH, cookie, "Turn off two-factor", runs);
    const settings = await (await fetch(`${appUrl}/settings/security`, { headers: { cookie } })).text();
    expect(settings).toContain("Two-factor authentication is on. It was turned on");
    expect(settings).toMatch(/10 recovery codes left/);
  }, 600_000);

  it("the two-factor setup forms (off, being set up, then off again): never 5xx, and it is never turned on", async () => {
    const person = newPerson("Fuzz Two-Factor Setup");
    const cookie = (await signUpDirect(person, appUrl)).map((header) => header.split(";")[0]).join("; ");
    // "Set up" has no field of its own: every body (stray keys only) starts a setup anew.
    await fuzzForm("/settings/security", [], cookie, "Set up two-factor", Math.ceil(RUNS / 10));
    expect(await (await fetch(`${appUrl}/settings/security`, { headers: { cookie } })).text()).toContain("Setup key");
    // "Turn on": the app's code and the re-authentication; no body has the password, so none turns it on.
    await fuzzForm("/settings/security", ["code", ...REAUTH], cookie, "Turn on", Math.ceil(RUNS / 4));
    // Every body cancels (it has no field): the setup ends, and the section is off, its one form the start. The
    // Cancel setup button sits in Turn on's row and sends its own form, found by id.
    await fuzzForm("/settings/security", [], cookie, "two-factor-cancel-setup", Math.ceil(RUNS / 10));
    const settings = await (await fetch(`${appUrl}/settings/security`, { headers: { cookie } })).text();
    expect(settings).not.toContain("Setup key");
    expect(settings).not.toContain("Two-factor authentication is on. It was turned on");
  }, 600_000);

  it("POST /api/token (signed in, any Origin, Fetch Metadata and body): never 5xx, and only the member's own token", async () => {
    const me = (await (await fetch(`${appUrl}/api/me`, { headers: { cookie: memberCookie } })).json()) as {
      id: string;
    };
    const origins = fc.oneof(fc.constant(new URL(appUrl).origin), fc.constant("null"), fc.webUrl(), text);
    const headers = fc.record(
      {
        origin: origins,
        "sec-fetch-site": fc.constantFrom("same-origin", "same-site", "cross-site", "none", ""),
        "content-type": fc.constantFrom("application/json", "application/x-www-form-urlencoded", "text/plain"),
      },
      { requiredKeys: [] },
    );
    const bodies = fc.oneof(
      fc.jsonValue().map((data) => JSON.stringify(data)),
      fc.string({ unit: "binary" }),
    );
    // The session's throttle (30 a minute) answers most of them 429: that is an answer too, never a 5xx.
    await fc.assert(
      fc.asyncProperty(headers, bodies, async (chosen, body) => {
        const clean = Object.fromEntries(Object.entries(chosen).filter(([, v]) => /^[\t\x20-\x7e]*$/.test(v)));
        const response = await fetch(`${appUrl}/api/token`, {
          method: "POST",
          redirect: "manual",
          headers: { ...clean, cookie: memberCookie },
          body,
        });
        record("/api/token", response.status);
        const answer = (await response.json().catch(() => null)) as { access_token?: string } | null;
        if (response.status === 200) {
          const claims = JSON.parse(Buffer.from(answer?.access_token?.split(".")[1] ?? "", "base64url").toString());
          return claims.sub === me.id && claims.role === "user";
        }
        return [401, 403, 413, 429].includes(response.status);
      }),
      { numRuns: Math.min(RUNS, 300) },
    );
  }, 600_000);

  // Last: their wrong current passwords count against the member's sign-in throttle (a throttled answer is an
  // answer too). None of the bodies carries the member's password, so none of them changes anything.
  it("the sensitive forms of /settings/account (signed in): never 5xx, and the email and the account stay", async () => {
    const runs = Math.ceil(RUNS / 4);
    await fuzzForm("/settings/account", ["newPassword", ...REAUTH], memberCookie, "newPassword", runs);
    await fuzzForm("/settings/account", ["navigation", ...REAUTH], memberCookie, "Delete account", runs);
    await fuzzForm("/settings/account", ["newEmail", ...REAUTH], memberCookie, "newEmail", Math.ceil(RUNS / 2));
    const me = await (await fetch(`${appUrl}/api/me`, { headers: { cookie: memberCookie } })).json();
    expect(me.email).toBe(member.email);
  }, 600_000);

  it("leaves the server up, and reports what it saw", async () => {
    expect((await fetch(`${appUrl}/api/health`)).status).toBe(200);
    for (const [endpoint, statuses] of seen) {
      const counts = Object.entries(
        statuses.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {}),
      );
      console.log(`[fuzz] ${endpoint}: ${statuses.length} bodies → ${counts.map(([s, n]) => `${s}×${n}`).join(", ")}`);
      expect(statuses.every((status) => status < 500)).toBe(true);
    }
    expect(seen.size).toBe(25);
  });
});
