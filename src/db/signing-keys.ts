// The queries behind access-token signing keys (src/features/access-tokens). Every instance reads the whole table
// (a handful of rows) and decides from it; the writes are single statements that cannot race into two keys of
// one generation (the column is unique).
import "server-only";

import { and, asc, eq, inArray, isNull } from "drizzle-orm";

import { getDb } from "./index";
import { signingKeys, type SigningKey } from "./schema";

/** Every key, oldest generation first. */
export async function listSigningKeys(): Promise<SigningKey[]> {
  const db = await getDb();
  return db.select().from(signingKeys).orderBy(asc(signingKeys.generation));
}

/**
 * Adds a key; false when another instance added this generation first (its key is the one to use, so the caller
 * reads the table again instead of retrying).
 */
export async function insertSigningKey(key: Omit<SigningKey, "revokedAt">): Promise<boolean> {
  const db = await getDb();
  const inserted = await db
    .insert(signingKeys)
    .values({ ...key, revokedAt: null })
    .onConflictDoNothing({ target: signingKeys.generation })
    .returning({ kid: signingKeys.kid });
  return inserted.length === 1;
}

/** Unpublishes a key at once (a leak). False when there is no such key, or it was revoked already. */
export async function revokeSigningKey(kid: string, now: Date): Promise<boolean> {
  const db = await getDb();
  const revoked = await db
    .update(signingKeys)
    .set({ revokedAt: now })
    .where(and(eq(signingKeys.kid, kid), isNull(signingKeys.revokedAt)))
    .returning({ kid: signingKeys.kid });
  return revoked.length === 1;
}

/** Stores a key's private half sealed again (under the first secret of AUTH_SECRET's list). */
export async function resealSigningKey(kid: string, sealedPrivateJwk: string): Promise<void> {
  const db = await getDb();
  await db.update(signingKeys).set({ sealedPrivateJwk }).where(eq(signingKeys.kid, kid));
}

/** Deletes keys that will never be published again (retired past their last token, or revoked). */
export async function deleteSigningKeys(kids: readonly string[]): Promise<number> {
  if (kids.length === 0) return 0;
  const db = await getDb();
  const deleted = await db
    .delete(signingKeys)
    .where(inArray(signingKeys.kid, [...kids]))
    .returning({ kid: signingKeys.kid });
  return deleted.length;
}
