// The queries behind passkeys: the WebAuthn challenges the server handed out (each spent once, by the statement
// that checks it) and the credentials themselves. Times are passed in (`now`): tests move the clock.
import "server-only";

import { and, asc, eq, lt, or, sql } from "drizzle-orm";

import { getDb } from "./index";
import { passkeys, users, webauthnChallenges, type Passkey, type User } from "./schema";
import { sweep } from "./sweep";

export type Ceremony = "registration" | "authentication" | "reauthentication";

/** Stores a challenge, and deletes expired ones of anyone on the way (indexed, bounded). */
export async function storeChallenge(
  challenge: { challenge: string; ceremony: Ceremony; userId: string | null; expiresAt: Date },
  now: Date,
): Promise<void> {
  const db = await getDb();
  await sweep(db, webauthnChallenges, webauthnChallenges.challenge, lt(webauthnChallenges.expiresAt, now));
  await db.insert(webauthnChallenges).values(challenge);
}

/**
 * Spends a challenge: true when it was handed out for this `ceremony` (and, for a registration, to `userId`) and
 * has not expired — and it is gone either way, so it can be spent only once. One statement.
 */
export async function spendChallenge(
  challenge: string,
  { ceremony, userId }: { ceremony: Ceremony; userId: string | null },
  now: Date,
): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.delete(webauthnChallenges).where(eq(webauthnChallenges.challenge, challenge)).returning();
  return (
    row !== undefined && row.ceremony === ceremony && row.expiresAt > now && (userId === null || row.userId === userId)
  );
}

export async function listPasskeys(userId: string): Promise<Passkey[]> {
  const db = await getDb();
  return db.select().from(passkeys).where(eq(passkeys.userId, userId)).orderBy(asc(passkeys.createdAt));
}

export async function insertPasskey(passkey: typeof passkeys.$inferInsert): Promise<void> {
  const db = await getDb();
  await db.insert(passkeys).values(passkey);
}

/** A credential and its person. */
export type PasskeyWithUser = { passkey: Passkey; user: User };

/** A credential and its person, by the id the browser sent. */
export async function passkeyWithUser(id: string): Promise<PasskeyWithUser | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({ passkey: passkeys, user: users })
    .from(passkeys)
    .innerJoin(users, eq(users.id, passkeys.userId))
    .where(eq(passkeys.id, id));
  return row;
}

/**
 * Records a use: the new counter, and when. Refused (false) when the counter went backwards or stood still while
 * not 0 — a cloned authenticator, or a response replayed by a racing request. Synced passkeys report 0 every time:
 * 0 after 0 is taken. One statement.
 */
export async function recordPasskeyUse(
  id: string,
  { counter, backedUp }: { counter: number; backedUp: boolean },
  now: Date,
): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .update(passkeys)
    .set({ counter, backedUp, lastUsedAt: now })
    .where(
      and(eq(passkeys.id, id), or(lt(passkeys.counter, counter), and(eq(passkeys.counter, 0), sql`${counter} = 0`))),
    )
    .returning({ id: passkeys.id });
  return rows.length === 1;
}

/** Renames one of the person's own passkeys; false when it is not theirs (or gone). */
export async function renamePasskey(userId: string, id: string, name: string): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .update(passkeys)
    .set({ name })
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
    .returning({ id: passkeys.id });
  return rows.length === 1;
}

/**
 * Removes one of the person's own passkeys — unless it is the last way to sign in: the last passkey of an account
 * with no password stays. One statement; false when nothing was removed.
 */
export async function removePasskey(userId: string, id: string): Promise<boolean> {
  const db = await getDb();
  const others = db
    .select({ id: passkeys.id })
    .from(passkeys)
    .where(and(eq(passkeys.userId, userId), sql`${passkeys.id} <> ${id}`));
  const rows = await db
    .delete(passkeys)
    .where(
      and(
        eq(passkeys.id, id),
        eq(passkeys.userId, userId),
        or(
          sql`exists (select 1 from ${users} where ${users.id} = ${userId} and ${users.passwordHash} <> '')`,
          sql`exists (${others})`,
        ),
      ),
    )
    .returning({ id: passkeys.id });
  return rows.length === 1;
}
