import { describe, expect, it } from "vitest";
import { getDb, queryCount } from "@/db";
import { createUser, getUserById } from "@/db/queries";
import { uniqueEmail } from "@tests/support/users";
import { saveProfile } from "./server/save-profile";

async function person(name = "Ada Lovelace") {
  const created = await createUser({ email: uniqueEmail(), name, passwordHash: "x" });
  if (!created) throw new Error("could not create a test person");
  return created;
}

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) data.append(name, item);
  return data;
}

describe(`saving a profile on ${process.env.TEST_DB_ENGINE}`, () => {
  it("saves name and image of the caller's own row only", async () => {
    const [me, other] = [await person(), await person("Other Person")];
    const state = await saveProfile(me.id, form({ name: "  Grace Hopper ", image: "https://img.example/g.png" }));
    expect(state).toMatchObject({ status: "success", message: "Profile saved", values: { name: "Grace Hopper", image: "https://img.example/g.png" } });
    expect(await getUserById(me.id)).toMatchObject({ name: "Grace Hopper", image: "https://img.example/g.png", role: "user", email: me.email });
    expect(await getUserById(other.id)).toEqual(other);
  });

  it("ignores a forged id, email or role in the form", async () => {
    const [me, victim] = [await person(), await person("Victim")];
    await saveProfile(me.id, form({ name: "Mallory", image: "", id: victim.id, userId: victim.id, email: victim.email, role: "admin" }));
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
  ])("refuses %s with a field error and writes nothing", async (_label, fields, field) => {
    const me = await person();
    await getDb();
    const before = queryCount();
    const state = await saveProfile(me.id, form(fields as Record<string, string | string[]>));
    expect(queryCount()).toBe(before);
    expect(state.status).toBe("error");
    expect(state.fieldErrors?.[field as "name"]).toEqual(expect.any(String));
    expect(await getUserById(me.id)).toEqual(me);
  });

  it("stores the image URL as the URL parser writes it back", async () => {
    const me = await person();
    const state = await saveProfile(me.id, form({ name: "Ada", image: "  https://IMG.Example/a b/é.png  " }));
    expect(state.status).toBe("success");
    expect((await getUserById(me.id))?.image).toBe("https://img.example/a%20b/%C3%A9.png");
  });

  it("refuses a URL that only grows past 2048 characters once normalised", async () => {
    const me = await person();
    const state = await saveProfile(me.id, form({ name: "Ada", image: `https://img.example/${"é".repeat(500)}` }));
    expect(state.fieldErrors?.image).toBe("An image URL has at most 2048 characters.");
  });

  it("accepts exactly 2048 characters of https URL", async () => {
    const me = await person();
    const url = `https://img.example/${"a".repeat(2048 - 20)}`;
    expect(url).toHaveLength(2048);
    expect((await saveProfile(me.id, form({ name: "Ada", image: url }))).status).toBe("success");
  });
});

