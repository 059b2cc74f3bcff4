// The queries behind sign-ups waiting for their link (EMAIL_VERIFICATION=required). No account exists until the
// link is opened: the row holds what the sign-up chose (name, password hash) under the address, and the SHA-256
// of the link's token. One row per address: a later sign-up replaces it, so nobody can squat an address.
//
// Times are passed in (`now`): tests move the clock instead of sleeping.
import "server-only";

import { and, eq, gt, lt } from "drizzle-orm";

import { getDb } from "./index";
import { pendingRegistrations, users, type PendingRegistration, type User } from "./schema";
import { sweep } from "./sweep";

/**
 * Stores a sign-up for `email`, replacing any earlier one for that address (and so its link). Deletes expired
 * rows of anyone on the way (indexed, bounded): no cron job.
 */
export async function replacePendingRegistration(
  registration: Omit<PendingRegistration, "createdAt">,
  now: Date,
): Promise<void> {
  const db = await getDb();
  await sweep(db, pendingRegistrations, pendingRegistrations.email, lt(pendingRegistrations.expiresAt, now));
  const { name, passwordHash, tokenHash, expiresAt } = registration;
  await db
    .insert(pendingRegistrations)
    .values({ ...registration, createdAt: now })
    .onConflictDoUpdate({
      target: pendingRegistrations.email,
      set: { name, passwordHash, tokenHash, expiresAt, createdAt: now },
    });
}

/**
 * A new link for the sign-up waiting under `email` ("send a new link"): the older one stops working, and the
 * sign-up waits `expiresAt` from now. False when no sign-up waits for that address.
 */
export async function renewPendingRegistration(
  email: string,
  link: { tokenHash: string; expiresAt: Date },
  now: Date,
): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .update(pendingRegistrations)
    .set(link)
    .where(and(eq(pendingRegistrations.email, email), gt(pendingRegistrations.expiresAt, now)))
    .returning({ email: pendingRegistrations.email });
  return rows.length === 1;
}

/**
 * Opens a sign-up's link: the row is spent (deleted) and the account made, its address verified — the link
 * reached it. Undefined when the link is unknown, replaced or expired, or when the address has an account already
 * (made meanwhile another way): the unique index decides, so a race cannot make two. One transaction.
 */
export async function completeRegistration(tokenHash: string, now: Date): Promise<User | undefined> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [registration] = await tx
      .delete(pendingRegistrations)
      .where(and(eq(pendingRegistrations.tokenHash, tokenHash), gt(pendingRegistrations.expiresAt, now)))
      .returning();
    if (!registration) return undefined;
    const { email, name, passwordHash } = registration;
    const [created] = await tx
      .insert(users)
      .values({ email, name, passwordHash, emailVerifiedAt: now, createdAt: now })
      .onConflictDoNothing({ target: users.email })
      .returning();
    return created;
  });
}
