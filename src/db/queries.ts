// Every query the app runs, as small named functions. Pages, actions and route handlers call these; none of them
// writes SQL or touches Drizzle directly.
import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "./index";
import { users, type NewUser, type User } from "./schema";

export async function getUserByEmail(email: string): Promise<User | undefined> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return user;
}

export async function getUserById(id: string): Promise<User | undefined> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return user;
}

/** Inserts a user; returns undefined when the email is taken (the unique index decides, so no race). */
export async function createUser(user: NewUser): Promise<User | undefined> {
  const db = await getDb();
  const [created] = await db.insert(users).values(user).onConflictDoNothing({ target: users.email }).returning();
  return created;
}

/** Changes name and image of exactly one row: the caller's own, identified by the session, never by the form. */
export async function updateProfile(id: string, profile: { name: string; image: string | null }): Promise<User | undefined> {
  const db = await getDb();
  const [updated] = await db
    .update(users)
    .set({ name: profile.name, image: profile.image })
    .where(eq(users.id, id))
    .returning();
  return updated;
}

export class DatabaseTimeoutError extends Error {
  override name = "DatabaseTimeoutError";
}

/** Resolves when the database answers `select 1` within `timeoutMs`; rejects otherwise, never hangs. */
export async function pingDatabase(timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseTimeoutError(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([getDb().then((db) => db.execute(sql`select 1`)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
