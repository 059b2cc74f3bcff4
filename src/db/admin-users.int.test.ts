import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { getDb, queryCount } from "@/db";
import { uniqueEmail } from "@tests/support/users";

import { getUserActivity, likeSubstring, listUsersPage, type UserKey, type UsersPageQuery } from "./admin-users";
import { insertAuthEvent } from "./auth-events";
import { createUser } from "./queries";
import { deviceSessions } from "./schema";

const engine = process.env.TEST_DB_ENGINE;
const DAY = 86_400_000;

/** A prefix no other test's people share: the files run in parallel on one database, so each test pages its own. */
const uniqueTag = () => `t${randomBytes(5).toString("hex")}`;

/** The ids of the people whose email starts with `tag`, in the order the table promises. */
async function idsInOrder(tag: string): Promise<string[]> {
  const db = await getDb();
  const result = await db.execute(sql`select id from users where email like ${`${tag}-%`} order by created_at, id`);
  return (result.rows as Array<{ id: string }>).map((row) => row.id);
}

/** Walks every page forward (then back from the end), as the Next and Previous links do. */
async function walk(base: Omit<UsersPageQuery, "from">, direction: "after" | "before", start?: UserKey) {
  const pages: string[][] = [];
  let from: UsersPageQuery["from"] = start && { direction, key: start };
  for (;;) {
    const { rows, more } = await listUsersPage({ ...base, from });
    pages.push(rows.map((row) => row.id));
    if (!more) return pages;
    const edge = direction === "after" ? rows.at(-1)! : rows[0]!;
    from = { direction, key: edge.key };
  }
}

describe(`the /admin users page on ${engine}`, () => {
  beforeAll(async () => {
    await getDb();
  });

  it("pages by (created_at, id), 50 at a time, without a duplicate or a gap, forward and back", async () => {
    const tag = uniqueTag();
    const db = await getDb();
    // 125 people in groups of ten with the same created_at, the groups a microsecond apart (below what a JS Date
    // holds): the id must break the ties, and the cursor must keep the microseconds.
    await db.execute(sql`
      insert into users (email, name, password_hash, created_at)
      select ${tag} || '-' || i || '@example.test', 'Paged ' || i, 'x',
             timestamptz '2001-02-03 04:05:06.000001+00' + (i / 10) * interval '1 microsecond'
      from generate_series(1, 125) as i`);
    const expected = await idsInOrder(tag);
    expect(expected).toHaveLength(125);

    const base = { search: tag, limit: 50, signedInSince: new Date(0) };
    const forward = await walk(base, "after");
    expect(forward.map((page) => page.length)).toEqual([50, 50, 25]);
    expect(forward.flat()).toEqual(expected);

    // Back from past the last row: the same pages, in the same order within each.
    const backward = await walk(base, "before", { createdAt: "2001-02-03T04:05:07.000000Z", id: expected[0]! });
    expect(backward.map((page) => page.length)).toEqual([50, 50, 25]);
    expect(backward.reverse().flat()).toEqual(expected);
  });

  it("is one statement per page: the first, a later one, and a search", async () => {
    const tag = uniqueTag();
    for (let i = 0; i < 3; i += 1)
      await createUser({ email: uniqueEmail(tag), name: `Counted ${i}`, passwordHash: "x" });
    const base = { limit: 2, signedInSince: new Date(0) };
    for (const query of [base, { ...base, search: tag }]) {
      const before = queryCount();
      const first = await listUsersPage(query);
      expect(queryCount() - before).toBe(1);
      const later = queryCount();
      await listUsersPage({ ...query, from: { direction: "after", key: first.rows.at(-1)!.key } });
      expect(queryCount() - later).toBe(1);
    }
  });

  it("finds people by any part of their email or name, in any case, with % _ and \\ taken literally", async () => {
    const tag = uniqueTag();
    const people = {
      underscore: `${tag}a_b@example.test`,
      x: `${tag}axb@example.test`,
      percent: `${tag}a%c@example.test`,
      z: `${tag}azc@example.test`,
      backslash: `${tag}a\\d@example.test`,
      e: `${tag}aed@example.test`,
    };
    for (const email of Object.values(people)) await createUser({ email, name: "Searched", passwordHash: "x" });
    const hopper = await createUser({ email: uniqueEmail(), name: `Qz${tag} Grace Hopper`, passwordHash: "x" });
    const found = async (search: string) =>
      (await listUsersPage({ search, limit: 50, signedInSince: new Date(0) })).rows.map((row) => row.email).sort();

    expect(await found(`${tag.toUpperCase()}A_B`)).toEqual([people.underscore]);
    expect(await found(`${tag}a%`)).toEqual([people.percent]);
    expect(await found(`${tag}a\\`)).toEqual([people.backslash]);
    expect(await found(`${tag}a`)).toEqual(Object.values(people).sort());
    expect(await found(`${tag}b`)).toEqual([]);
    expect(await found(`qz${tag} GRACE`)).toEqual([hopper!.email]);
    // Any part: the middle of a name (issue 27 item 13: "Turing" found nobody), and of an address.
    expect(await found(`${tag} GRACE hop`)).toEqual([hopper!.email]);
    expect(await found(`a_b@example`)).toContain(people.underscore);
    expect(await found(`a_b@example`)).not.toContain(people.x);
    expect(await found(`qz${tag} grace%`)).toEqual([]);
  });

  it("escapes the LIKE wildcards and the escape character", () => {
    expect(likeSubstring("a_b%c\\d")).toBe("%a\\_b\\%c\\\\d%");
  });

  it("counts each person's live device sessions: not revoked, not older than the lifetime", async () => {
    const tag = uniqueTag();
    const busy = await createUser({ email: uniqueEmail(tag), name: "Busy", passwordHash: "x" });
    const idle = await createUser({ email: uniqueEmail(tag), name: "Idle", passwordHash: "x" });
    const now = new Date();
    const session = (id: string, values: Partial<typeof deviceSessions.$inferInsert>) => ({
      id: `${tag}-${id}`,
      userId: busy!.id,
      device: "Vitest",
      createdAt: now,
      lastSeenAt: now,
      ...values,
    });
    const db = await getDb();
    await db
      .insert(deviceSessions)
      .values([
        session("live-1", {}),
        session("live-2", { createdAt: new Date(now.getTime() - DAY / 2) }),
        session("revoked", { revokedAt: now }),
        session("expired", { createdAt: new Date(now.getTime() - 2 * DAY) }),
        session("idle-revoked", { userId: idle!.id, revokedAt: now }),
      ]);
    const { rows } = await listUsersPage({ search: tag, limit: 50, signedInSince: new Date(now.getTime() - DAY) });
    expect(Object.fromEntries(rows.map((row) => [row.name, row.activeSessions]))).toEqual({ Busy: 2, Idle: 0 });
  });

  it("gives one person's name and newest events in one statement, and nothing for an unknown id", async () => {
    const person = await createUser({ email: uniqueEmail(), name: "Eventful", passwordHash: "x" });
    const quiet = await createUser({ email: uniqueEmail(), name: "Quiet", passwordHash: "x" });
    for (let i = 0; i < 25; i += 1)
      await insertAuthEvent(person!.id, {
        type: "sign-in",
        device: `Device ${i}`,
        createdAt: new Date(Date.UTC(2020, 0, 1, 0, i)),
      });
    const before = queryCount();
    const activity = await getUserActivity(person!.id, 20);
    expect(queryCount() - before).toBe(1);
    expect(activity?.name).toBe("Eventful");
    expect(activity?.events.map((event) => event.device)).toEqual(
      Array.from({ length: 20 }, (_, i) => `Device ${24 - i}`),
    );
    expect(await getUserActivity(quiet!.id, 20)).toEqual({ name: "Quiet", events: [] });
    expect(await getUserActivity("00000000-0000-4000-8000-000000000000", 20)).toBeUndefined();
  });
});
