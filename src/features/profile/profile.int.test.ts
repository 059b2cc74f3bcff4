import { beforeAll, describe, expect, it, vi } from "vitest";

import { getDb, queryCount } from "@/db";
import { bumpSessionVersion, createUser, getUserById } from "@/db/queries";
import { IDLE } from "@/lib/shared/form";
import { actAs, actSignedOut, refreshedSession } from "@tests/support/action-request";
import { form } from "@tests/support/form";
import { uniqueEmail } from "@tests/support/users";

import { saveProfileAction } from "./actions";
import { PROFILE_FIELD_NAMES, profileFormValues, profileSchema } from "./shared/schemas";

vi.mock("next/headers", async (original) => ({
  ...(await original()),
  ...(await import("@tests/support/action-request")).nextHeaders,
}));

async function person(name = "Ada Lovelace") {
  const created = await createUser({ email: uniqueEmail(), name, passwordHash: "x" });
  if (!created) throw new Error("could not create a test person");
  return created;
}

/** A person, signed in: the next action runs with their session. */
async function signedIn(name?: string) {
  const me = await person(name);
  await actAs(me);
  return me;
}

const save = (fields: Record<string, string | string[]>) => saveProfileAction(IDLE, form(fields));
/** What a write does for a session that ended: Next's redirect to sign in, saying why (sessionEnded()). */
const SESSION_ENDED = { digest: expect.stringContaining("/login?code=session-ended") };

describe("the profile's fields, declared once", () => {
  it("give the schema, the form's values and the echo the same fields", () => {
    const stored = profileSchema.parse({ name: "Ada", image: "" });
    expect(Object.keys(profileSchema.shape)).toEqual(PROFILE_FIELD_NAMES);
    expect(Object.keys(profileFormValues(stored))).toEqual(PROFILE_FIELD_NAMES);
    expect(profileFormValues(stored)).toMatchObject({ name: "Ada", image: "" });
  });
});

describe(`saving a profile on ${process.env.TEST_DB_ENGINE}`, () => {
  beforeAll(async () => {
    await getDb(); // opening (and migrating) the database is the hook's time, not the first test's
  });

  it("saves name and image of the caller's own row only, and refreshes the session cookie from it", async () => {
    const other = await person("Other Person");
    const me = await signedIn();
    const state = await save({ name: "  Grace Hopper ", image: "https://img.example/g.png" });
    expect(state).toMatchObject({
      status: "success",
      message: "Profile saved",
      values: { name: "Grace Hopper", image: "https://img.example/g.png" },
    });
    expect(Object.keys(state.values ?? {})).toEqual(PROFILE_FIELD_NAMES); // every field echoed, a fork's too
    expect(await getUserById(me.id)).toMatchObject({
      name: "Grace Hopper",
      image: "https://img.example/g.png",
      role: "user",
      email: me.email,
    });
    expect(await getUserById(other.id)).toEqual(other);
    expect(await refreshedSession()).toMatchObject({
      sub: me.id,
      name: "Grace Hopper",
      picture: "https://img.example/g.png",
    });
  });

  it("ignores a forged id, email or role in the form", async () => {
    const victim = await person("Victim");
    const me = await signedIn();
    await save({ name: "Mallory", image: "", id: victim.id, userId: victim.id, email: victim.email, role: "admin" });
    expect(await getUserById(victim.id)).toEqual(victim);
    expect(await getUserById(me.id)).toMatchObject({ name: "Mallory", image: null, role: "user", email: me.email });
  });

  it.each([
    ["a javascript: URL", { name: "Ada", image: "javascript:alert(1)" }, "image"],
    ["an http: URL", { name: "Ada", image: "http://img.example/a.png" }, "image"],
    ["a data: URL", { name: "Ada", image: "data:image/png;base64,AAAA" }, "image"],
    ["credentials in the URL", { name: "Ada", image: "https://user:pass@img.example/a.png" }, "image"],
    ["a 2049-character URL", { name: "Ada", image: `https://img.example/${"a".repeat(2049 - 20)}` }, "image"],
    ["an empty name", { name: "  ", image: "" }, "name"],
    ["a 65-character name", { name: "a".repeat(65), image: "" }, "name"],
    ["control characters", { name: "Ada\u0007", image: "" }, "name"],
    ["a bidi override in the name", { name: "Ada\u202e", image: "" }, "name"],
    ["a zero-width space in the name", { name: "A\u200bda", image: "" }, "name"],
    // Stored raw, NUL used to fail in PostgreSQL and come back as "Service temporarily unavailable".
    ["NUL in the image URL", { name: "Ada", image: "https://img.example/a\u0000.png" }, "image"],
    ["a tab in the image URL", { name: "Ada", image: "https://img.example/a\t.png" }, "image"],
    ["a bidi override in the image URL", { name: "Ada", image: "https://img.example/\u202egnp.a" }, "image"],
    ["a zero-width joiner in the image URL", { name: "Ada", image: "https://img\u200d.example/a.png" }, "image"],
    ["10 kB", { name: "a".repeat(10_000), image: "https://x.example/" + "a".repeat(10_000) }, "name"],
    ["arrays", { name: ["Ada", "Eve"], image: ["https://a.example", "https://b.example"] }, "name"],
    ["missing fields", {}, "name"],
  ])("refuses %s with a field error, keeps what was typed and writes nothing", async (_label, fields, field) => {
    const me = await signedIn();
    await getDb();
    const before = queryCount();
    const state = await save(fields as Record<string, string | string[]>);
    expect(queryCount()).toBe(before); // not even the session check: a post that cannot parse costs nothing
    expect(state.status).toBe("error");
    expect(state.fieldErrors?.[field as "name"]).toEqual(expect.any(String));
    for (const [name, value] of Object.entries(fields)) {
      if (typeof value === "string") expect(state.values?.[name as "name"]).toBe(value.slice(0, 4_096));
    }
    expect(await getUserById(me.id)).toEqual(me);
  });

  it("stores the image URL as the URL parser writes it back", async () => {
    const me = await signedIn();
    const state = await save({ name: "Ada", image: "  https://IMG.Example/a b/é.png  " });
    expect(state.status).toBe("success");
    expect((await getUserById(me.id))?.image).toBe("https://img.example/a%20b/%C3%A9.png");
  });

  it("refuses a URL that only grows past 2048 characters once normalised", async () => {
    await signedIn();
    const state = await save({ name: "Ada", image: `https://img.example/${"é".repeat(500)}` });
    expect(state.fieldErrors?.image).toBe("An image URL has at most 2048 characters.");
  });

  it("accepts exactly 2048 characters of https URL", async () => {
    await signedIn();
    const url = `https://img.example/${"a".repeat(2048 - 20)}`;
    expect(url).toHaveLength(2048);
    expect((await save({ name: "Ada", image: url })).status).toBe("success");
  });

  it("writes nothing for a session that ended (signed out everywhere), and ends it in this browser too", async () => {
    const me = await signedIn();
    await bumpSessionVersion(me.id, me.sessionVersion);
    await expect(save({ name: "Too Late", image: "" })).rejects.toMatchObject(SESSION_ENDED);
    expect((await getUserById(me.id))?.name).toBe(me.name);
    expect(await refreshedSession()).toBeNull();
  });

  it("writes nothing without a session", async () => {
    actSignedOut();
    await expect(save({ name: "Nobody", image: "" })).rejects.toMatchObject(SESSION_ENDED);
  });
});
