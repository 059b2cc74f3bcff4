import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { uniqueEmail } from "@tests/support/users";

import { getDb, queryCount } from "./index";
import { bumpSessionVersion, createUser, getUserByEmail, getUserById, pingDatabase, setUserRole } from "./queries";

const engine = process.env.TEST_DB_ENGINE;

function newUser(email = uniqueEmail()) {
  return { email, name: "Ada Lovelace", passwordHash: "$2b$10$notarealhashbutlongenough000000000000000000000000000" };
}

describe(`users queries on ${engine}`, () => {
  it("runs on the engine this run is named after", async () => {
    const db = await getDb();
    const [row] = (await db.execute<{ name: string }>(sql`select current_database() as name`)).rows;
    // PostgreSQL runs get a database of their own (tests/support/database-global-setup.ts); PGlite has one.
    expect(row?.name).toMatch(engine === "postgres" ? /^test_/ : /^postgres$/);
  });

  it("creates a user with the defaults the schema promises", async () => {
    const created = await createUser(newUser());
    expect(created).toMatchObject({ name: "Ada Lovelace", image: null, role: "user", sessionVersion: 1 });
    expect(created?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created?.createdAt).toBeInstanceOf(Date);
  });

  it("finds a user by email and by id", async () => {
    const created = await createUser(newUser());
    expect(await getUserByEmail(created!.email)).toEqual(created);
    expect(await getUserById(created!.id)).toEqual(created);
    expect(await getUserByEmail(uniqueEmail("nobody"))).toBeUndefined();
  });

  it("refuses a second account with the same email without throwing", async () => {
    const email = uniqueEmail();
    expect(await createUser(newUser(email))).toBeDefined();
    expect(await createUser({ ...newUser(email), name: "Impostor" })).toBeUndefined();
    expect((await getUserByEmail(email))?.name).toBe("Ada Lovelace");
  });

  it("rejects an email that is not stored lower-cased and trimmed", async () => {
    await expect(createUser(newUser(" Mixed@Example.test"))).rejects.toThrow();
  });

  it("answers a ping and counts every statement it sends", async () => {
    await getDb();
    const before = queryCount();
    await pingDatabase(2_000);
    await getUserByEmail(uniqueEmail());
    expect(queryCount() - before).toBe(2);
  });

  it("runs a transaction that rolls back as a whole", async () => {
    const db = await getDb();
    const email = uniqueEmail();
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`insert into users (email, name, password_hash) values (${email}, 'Tx', 'x')`);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await getUserByEmail(email)).toBeUndefined();
  });

  it("changes a role only for an actor who is still an admin, with the same session, inside the transaction", async () => {
    const [first, second, member] = [
      await createUser({ ...newUser(), role: "admin" }),
      await createUser({ ...newUser(), role: "admin" }),
      await createUser(newUser()),
    ];
    // `first` was checked (verifiedUser) a moment ago; since then `second` demoted them.
    expect((await setUserRole(second!, first!.id, "user")).result).toBe("changed");
    expect((await setUserRole(first!, member!.id, "admin")).result).toBe("forbidden");
    expect((await getUserById(member!.id))?.role).toBe("user");
    // And an admin signed out everywhere meanwhile acts no more with the old session.
    expect(await bumpSessionVersion(second!.id, second!.sessionVersion)).toBe(true);
    expect((await setUserRole(second!, member!.id, "admin")).result).toBe("forbidden");
    expect(
      (await setUserRole({ ...second!, sessionVersion: second!.sessionVersion + 1 }, member!.id, "admin")).result,
    ).toBe("changed");
  });
});
