import { describe, expect, it } from "vitest";
import { getDb, queryCount } from "@/db";
import { createUser, getUserByEmail } from "@/db/queries";
import { uniqueEmail } from "../../../tests/support/users";
import { authorizeCredentials } from "./authorize";
import { hashPassword } from "./password-hash";
import { registerAction } from "./sign-up/action";

const PASSWORD = "correct horse battery staple";

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
  // A sign-in reads the two throttle counters (email, IP) and looks the person up: 3 queries. A failure also
  // counts itself against both counters: 2 more.
  it("authorizes the right password with one lookup (plus the throttle's two reads), returning only what the token needs", async () => {
    const email = uniqueEmail();
    await createUser({ email, name: "Ada", passwordHash: await hashPassword(PASSWORD) });
    const [user, queries] = await queriesDuring(() => authorizeCredentials({ email: email.toUpperCase(), password: PASSWORD }));
    expect(queries).toBe(3);
    expect(user).toEqual({ id: expect.any(String), name: "Ada", email, image: null, role: "user", sessionVersion: 1 });
    expect(JSON.stringify(user)).not.toContain("$2");
  });

  it("refuses a wrong password and an unknown email alike, with the same queries", async () => {
    const email = uniqueEmail();
    await createUser({ email, name: "Ada", passwordHash: await hashPassword(PASSWORD) });
    expect(await queriesDuring(() => authorizeCredentials({ email, password: "wrong password entirely" }))).toEqual([null, 5]);
    expect(await queriesDuring(() => authorizeCredentials({ email: uniqueEmail(), password: PASSWORD }))).toEqual([null, 5]);
  });

  it.each([
    ["no fields", {}],
    ["an array as email", { email: ["a@example.com", "b@example.com"], password: PASSWORD }],
    ["a number as password", { email: "a@example.com", password: 12345 }],
    ["a 73-byte password", { email: "a@example.com", password: "a".repeat(73) }],
    ["a malformed email", { email: "not-an-email", password: PASSWORD }],
  ])("refuses %s without touching the database", async (_label, credentials) => {
    expect(await queriesDuring(() => authorizeCredentials(credentials))).toEqual([null, 0]);
  });
});

describe(`registration on ${process.env.TEST_DB_ENGINE}`, () => {
  it("refuses a duplicate email, case-insensitively, and keeps the first account", async () => {
    const email = uniqueEmail();
    await createUser({ email, name: "First", passwordHash: await hashPassword(PASSWORD) });
    const state = await registerAction({ status: "idle" }, form({ name: "Second", email: ` ${email.toUpperCase()} `, password: PASSWORD }));
    expect(state).toMatchObject({ status: "error", fieldErrors: { email: "An account with this email already exists." } });
    expect(state.values).toEqual({ name: "Second", email: ` ${email.toUpperCase()} ` });
    expect((await getUserByEmail(email))?.name).toBe("First");
  });

  const hostile: Array<[string, Record<string, string | string[] | Blob>, string]> = [
    ["empty fields", { name: "", email: "", password: "" }, "name"],
    ["whitespace", { name: "   ", email: "   ", password: "               " }, "name"],
    ["10 kB strings", { name: "a".repeat(10_000), email: `${"a".repeat(10_000)}@example.com`, password: "a".repeat(10_000) }, "name"],
    ["control characters", { name: "Ada\u0000\u001b[31m", email: "ada\u0000@example.com", password: PASSWORD }, "name"],
    // FormData (like HTTP) turns lone surrogates into U+FFFD; what remains must still be refused.
    ["invalid UTF-16", { name: "\ud800", email: "\udfff@example.com", password: "\ud800" }, "email"],
    ["arrays", { name: ["Ada", "Eve"], email: ["a@example.com", "b@example.com"], password: [PASSWORD, PASSWORD] }, "name"],
    ["a file", { name: new Blob(["x"]), email: "a@example.com", password: PASSWORD }, "name"],
    ["a missing field", { email: "a@example.com", password: PASSWORD }, "name"],
  ];

  it.each(hostile)("answers %s with field errors, writes nothing, never echoes passwords", async (_label, fields, erroredField) => {
    const [state, queries] = await queriesDuring(() => registerAction({ status: "idle" }, form(fields)));
    expect(state.status).toBe("error");
    expect(state.fieldErrors?.[erroredField as "name"]).toEqual(expect.any(String));
    expect(queries).toBe(0);
    expect(state.values?.password).toBeUndefined();
    for (const value of Object.values(state.values ?? {})) expect(value.length).toBeLessThanOrEqual(4_096);
  });
});
