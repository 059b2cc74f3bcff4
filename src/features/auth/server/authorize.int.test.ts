import { randomInt } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

import { getDb, queryCount } from "@/db";
import { listAuthEvents } from "@/db/auth-events";
import { listDeviceSessions } from "@/db/device-sessions";
import { createUser, getUserByEmail } from "@/db/queries";
import { registerAction } from "@/features/auth/actions/sign-up";
import { VERY_WEAK_MESSAGE } from "@/features/auth/shared/password-strength";
import { env } from "@/lib/server/env";
import { uniqueEmail } from "@tests/support/users";

import { authorizeCredentials } from "./authorize";
import { hashPoolStats } from "./hash-pool";
import { hashPassword } from "./password-hash";

const PASSWORD = "correct horse battery staple";

// A server action reads its request's headers through next/headers. Here there is no request: the test says
// which address each sign-up comes from, as server.mjs would (the socket's address, last in X-Forwarded-For).
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/headers")>()),
  headers: async () => request.headers,
}));
const signUpFrom = (ip: string) => {
  request.headers = new Headers({ "x-forwarded-for": `203.0.113.1, ${ip}` });
};
const uniqueIp = () => `2001:db8:${randomInt(0xffff).toString(16)}:${randomInt(0xffff).toString(16)}::1`;

async function queriesDuring<T>(action: () => Promise<T>): Promise<[T, number]> {
  await getDb();
  const before = queryCount();
  const result = await action();
  return [result, queryCount() - before];
}

function form(fields: Record<string, string | string[] | Blob>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) data.append(name, item);
  }
  return data;
}

describe(`sign-in on ${process.env.TEST_DB_ENGINE}`, () => {
  // The throttle (./throttle.ts) has three counters: it reads them (3), charges the attempt to each before the
  // compare (3), and the lookup is one more; the failure is recorded by one insert: 8 for a wrong password. A
  // right one settles the charges (3 more) and opens its device session (sweep and insert, 2), records the
  // sign-in (1) and sweeps expired events (1): 14.
  it("authorizes the right password with one lookup (plus the throttle's counters), returning only what the token needs", async () => {
    const email = uniqueEmail();
    await createUser({ email, name: "Ada", passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() });
    const [user, queries] = await queriesDuring(() =>
      authorizeCredentials({ email: email.toUpperCase(), password: PASSWORD }),
    );
    expect(queries).toBe(14);
    expect(user).toEqual({
      sessionId: expect.stringMatching(/^[\w-]{16}$/),
      id: expect.any(String),
      name: "Ada",
      email,
      image: null,
      role: "user",
      sessionVersion: 1,
      verifiedEmail: true,
      methods: ["pwd"],
    });
    expect(JSON.stringify(user)).not.toContain("$2");
    const userId = user!.id!;
    const [session] = await listDeviceSessions(userId, new Date(0));
    expect(session).toMatchObject({ id: user!.sessionId, userId, revokedAt: null });
    expect((await listAuthEvents(userId, 5)).map(({ type, sessionId }) => [type, sessionId])).toEqual([
      ["sign-in", user!.sessionId!],
    ]);
  });

  it("refuses a wrong password and an unknown email alike, with the same queries", async () => {
    const email = uniqueEmail();
    await createUser({ email, name: "Ada", passwordHash: await hashPassword(PASSWORD) });
    expect(await queriesDuring(() => authorizeCredentials({ email, password: "wrong password entirely" }))).toEqual([
      null,
      8,
    ]);
    expect(await queriesDuring(() => authorizeCredentials({ email: uniqueEmail(), password: PASSWORD }))).toEqual([
      null,
      8,
    ]);
    // The known account has the failure in its activity; the unknown address left no row (only a log line).
    const known = await getUserByEmail(email);
    expect((await listAuthEvents(known!.id, 5)).map(({ type }) => type)).toEqual(["sign-in-failed"]);
  });

  it.each([
    ["no fields", {}],
    ["an array as email", { email: ["a@example.com", "b@example.com"], password: PASSWORD }],
    ["a number as password", { email: "a@example.com", password: 12345 }],
    ["a 73-byte password", { email: "a@example.com", password: "a".repeat(73) }],
    ["a malformed email", { email: "not-an-email", password: PASSWORD }],
    ["a 9 MB password", { email: "a@example.com", password: "a".repeat(9_000_000) }],
    ["a 9 MB email", { email: `${"a".repeat(9_000_000)}@example.com`, password: PASSWORD }],
  ])("refuses %s without touching the database", async (_label, credentials) => {
    expect(await queriesDuring(() => authorizeCredentials(credentials))).toEqual([null, 0]);
  });

  it("refuses an over-long field before normalising or encoding it", async () => {
    const normalize = vi.spyOn(String.prototype, "normalize");
    const trim = vi.spyOn(String.prototype, "trim");
    try {
      expect(
        await authorizeCredentials({
          email: ` ${"a".repeat(2_000_000)}@example.com `,
          password: "b".repeat(2_000_000),
        }),
      ).toBeNull();
      expect(normalize).not.toHaveBeenCalled();
      expect(trim).not.toHaveBeenCalled();
    } finally {
      normalize.mockRestore();
      trim.mockRestore();
    }
  });
});

/** Sign-up's one answer, whether or not the address has an account: the address it went to, nothing else. */
const inboxAnswer = (email: string) => ({
  status: "success",
  message: `Check your inbox: we sent a link to ${email}.`,
  values: { email },
});

describe(`registration on ${process.env.TEST_DB_ENGINE}`, () => {
  it(`allows ${env.SIGNUPS_PER_IP} sign-ups an hour from one address, then says to wait, before hashing anything`, async () => {
    signUpFrom(uniqueIp());
    for (let i = 0; i < env.SIGNUPS_PER_IP; i += 1) {
      const email = uniqueEmail();
      await createUser({ email, name: "Taken", passwordHash: "x" }); // a duplicate: charged, hashed, refused — nothing signs in
      const state = await registerAction({ status: "idle" }, form({ name: "Ada", email, password: PASSWORD }));
      expect(state).toEqual(inboxAnswer(email));
    }
    const hashesBefore = hashPoolStats().jobsStarted;
    const email = uniqueEmail();
    const state = await registerAction({ status: "idle" }, form({ name: "Ada", email, password: PASSWORD }));
    expect(state).toMatchObject({
      status: "error",
      formError: "Too many attempts. Try again in 60 minutes.",
      values: { name: "Ada", email },
    });
    expect(hashPoolStats().jobsStarted).toBe(hashesBefore);
    expect(await getUserByEmail(email)).toBeUndefined();
    // Another address is not held up: its sign-up is hashed and goes as far as the (taken) email.
    signUpFrom(uniqueIp());
    await createUser({ email, name: "Taken", passwordHash: "x" });
    const elsewhere = await registerAction({ status: "idle" }, form({ name: "Ada", email, password: PASSWORD }));
    expect(elsewhere).toEqual(inboxAnswer(email));
  }, 60_000);

  it("refuses a password the strength hint calls Very weak, in the hint's words, before hashing anything", async () => {
    signUpFrom(uniqueIp());
    const email = uniqueEmail();
    const hashesBefore = hashPoolStats().jobsStarted;
    const state = await registerAction({ status: "idle" }, form({ name: "Ada", email, password: "passwordpassword" }));
    expect(state).toMatchObject({ status: "error", fieldErrors: { password: VERY_WEAK_MESSAGE } });
    expect(hashPoolStats().jobsStarted).toBe(hashesBefore);
    expect(await getUserByEmail(email)).toBeUndefined();
  });

  it("answers a duplicate email, case-insensitively, as a new one, and keeps the first account", async () => {
    const email = uniqueEmail();
    await createUser({ email, name: "First", passwordHash: await hashPassword(PASSWORD) });
    signUpFrom(uniqueIp());
    const state = await registerAction(
      { status: "idle" },
      form({ name: "Second", email: ` ${email.toUpperCase()} `, password: PASSWORD }),
    );
    expect(state).toEqual(inboxAnswer(email));
    expect((await getUserByEmail(email))?.name).toBe("First");
  });

  const hostile: Array<[string, Record<string, string | string[] | Blob>, string]> = [
    ["empty fields", { name: "", email: "", password: "" }, "name"],
    ["whitespace", { name: "   ", email: "   ", password: "               " }, "name"],
    [
      "10 kB strings",
      { name: "a".repeat(10_000), email: `${"a".repeat(10_000)}@example.com`, password: "a".repeat(10_000) },
      "name",
    ],
    ["control characters", { name: "Ada\u0000\u001b[31m", email: "ada\u0000@example.com", password: PASSWORD }, "name"],
    // FormData (like HTTP) turns lone surrogates into U+FFFD; what remains must still be refused.
    ["invalid UTF-16", { name: "\ud800", email: "\udfff@example.com", password: "\ud800" }, "email"],
    [
      "arrays",
      { name: ["Ada", "Eve"], email: ["a@example.com", "b@example.com"], password: [PASSWORD, PASSWORD] },
      "name",
    ],
    ["a file", { name: new Blob(["x"]), email: "a@example.com", password: PASSWORD }, "name"],
    ["a missing field", { email: "a@example.com", password: PASSWORD }, "name"],
  ];

  it.each(hostile)(
    "answers %s with field errors, writes nothing, never echoes passwords",
    async (_label, fields, erroredField) => {
      const [state, queries] = await queriesDuring(() => registerAction({ status: "idle" }, form(fields)));
      expect(state.status).toBe("error");
      expect(state.fieldErrors?.[erroredField as "name"]).toEqual(expect.any(String));
      expect(queries).toBe(0);
      expect(state.values?.password).toBeUndefined();
      for (const value of Object.values(state.values ?? {})) expect(value.length).toBeLessThanOrEqual(4_096);
    },
  );
});
