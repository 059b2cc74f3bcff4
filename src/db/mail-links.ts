// The queries behind the links sent by mail. A link is found by the SHA-256 of its token (src/features/mail/server/
// link-token.ts hashes it), and spent by the statement that checks it: `used_at` is set only where it is still
// null and the link unexpired, so of two tabs racing on one link exactly one gets the row back. What the link
// does (verify, reset, change the address) happens in the same transaction, so a link is never spent for nothing.
//
// Every time is passed in (`now`), never the database's clock: a test moves the clock instead of sleeping.
import "server-only";

import { and, eq, gt, isNull, lt, ne, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";

import type { LinkPurpose } from "@/config/mail-links";

import { credentialsChanged, forgetUnverifiedSetUp } from "./credentials-changed";
import { getDb, type Transaction } from "./index";
import { mailLinks, users, type MailLink, type User } from "./schema";

export interface NewMailLink {
  userId: string;
  purpose: LinkPurpose;
  email: string;
  tokenHash: string;
  expiresAt: Date;
}

/**
 * Stores a new link and voids the person's older links of the same purpose (only the newest works). Cleans up
 * as it writes: every expired link, of anyone, is deleted here — an indexed range delete, so no cron job.
 */
export async function replaceMailLink(link: NewMailLink, now: Date): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.delete(mailLinks).where(lt(mailLinks.expiresAt, now));
    await tx.delete(mailLinks).where(heldBy(link.userId, link.purpose));
    await tx.insert(mailLinks).values(link);
  });
}

/** Voids every link of that purpose the person holds (a request that sends none still replaces the older ones). */
export async function voidMailLinks(userId: string, purpose: LinkPurpose): Promise<void> {
  const db = await getDb();
  await db.delete(mailLinks).where(heldBy(userId, purpose));
}

/** The person's links of one purpose. */
const heldBy = (userId: string, purpose: LinkPurpose) =>
  and(eq(mailLinks.userId, userId), eq(mailLinks.purpose, purpose));

/** Neither spent nor expired at `now`. */
const unspent = (now: Date) => and(isNull(mailLinks.usedAt), gt(mailLinks.expiresAt, now));

const usable = (tokenHash: string, purpose: LinkPurpose, now: Date) =>
  and(eq(mailLinks.tokenHash, tokenHash), eq(mailLinks.purpose, purpose), unspent(now));

/** The unspent, unexpired link of that purpose and its person, or undefined. Reads only (the reset page's form). */
export async function findUsableMailLink(
  tokenHash: string,
  purpose: LinkPurpose,
  now: Date,
): Promise<{ link: MailLink; user: User } | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({ link: mailLinks, user: users })
    .from(mailLinks)
    .innerJoin(users, eq(users.id, mailLinks.userId))
    // A reset or verification link is for the address the account has now; a change link names the next one.
    .where(
      and(usable(tokenHash, purpose, now), purpose === "change-email" ? undefined : eq(users.email, mailLinks.email)),
    )
    .limit(1);
  return row;
}

/** Marks the link used, in `tx`; the link as it was, or undefined when it was not usable (spent, expired, unknown). */
async function spend(tx: Transaction, tokenHash: string, purpose: LinkPurpose, now: Date) {
  const [link] = await tx
    .update(mailLinks)
    .set({ usedAt: now })
    .where(usable(tokenHash, purpose, now))
    .returning();
  return link;
}

/** A rollback that is an answer, not a failure: the link's work could not be done, so it is not spent either. */
class LinkRefused extends Error {}

async function inLinkTransaction<T>(work: (tx: Transaction) => Promise<T | undefined>): Promise<T | undefined> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const result = await work(tx);
      if (result === undefined) throw new LinkRefused();
      return result;
    });
  } catch (error) {
    if (error instanceof LinkRefused) return undefined;
    throw error;
  }
}

/**
 * Spends a link sent to the account's own address and applies `changes` to the account, in one transaction —
 * only while the account still has the address the link went to. The person as they were before (`before`: was
 * the address proven then?) and after, or undefined (nothing spent). Either way the address counts as verified
 * afterwards: the link reached it.
 */
function spendOnOwnAddress(
  tokenHash: string,
  purpose: "reset-password" | "verify-email",
  now: Date,
  changes: PgUpdateSetSource<typeof users>,
  alsoInTransaction?: (tx: Transaction, user: User, wasVerified: boolean) => Promise<User | undefined>,
): Promise<User | undefined> {
  return inLinkTransaction(async (tx) => {
    const link = await spend(tx, tokenHash, purpose, now);
    if (!link) return undefined;
    const [before] = await tx
      .select({ emailVerifiedAt: users.emailVerifiedAt })
      .from(users)
      .where(and(eq(users.id, link.userId), eq(users.email, link.email)))
      .for("update");
    if (!before) return undefined;
    const [user] = await tx
      .update(users)
      .set({ ...changes, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now})` })
      .where(eq(users.id, link.userId))
      .returning();
    if (user && alsoInTransaction) return alsoInTransaction(tx, user, before.emailVerifiedAt !== null);
    return user;
  });
}

/** What a reset did: the person after it, and whether it was the first proof of their address. */
export type PasswordReset = { user: User; firstProof: boolean };

/**
 * Spends a reset link and sets the new password, with the credentials-changed event (every session ends, this one
 * signs no one in; every pending link and change is voided). When the reset is the first proof of the address,
 * what the account set up before it — by whoever signed up with an address that was not theirs — goes too
 * (forgetUnverifiedSetUp). Undefined when the link was not usable.
 */
export async function resetPasswordWithLink(
  tokenHash: string,
  passwordHash: string,
  now: Date,
): Promise<PasswordReset | undefined> {
  let firstProof = false;
  const user = await spendOnOwnAddress(
    tokenHash,
    "reset-password",
    now,
    { passwordHash },
    async (tx, user, wasVerified) => {
      firstProof = !wasVerified;
      if (firstProof) await forgetUnverifiedSetUp(tx, user.id);
      const after = await credentialsChanged(tx, user.id, now, "all");
      return after && { ...user, sessionVersion: after.sessionVersion };
    },
  );
  return user && { user, firstProof };
}

/** Spends a verification link and marks the address verified (while it is still the account's). */
export function verifyEmailWithLink(tokenHash: string, now: Date): Promise<User | undefined> {
  return spendOnOwnAddress(tokenHash, "verify-email", now, {});
}

/**
 * Spends a link that cancels an email change (sent to the old address with the change's notice): the change
 * links still out are voided. Only while the account still has the address the cancel link went to: once the
 * change happened, the account's links were all spent with it. The person, or undefined (nothing spent).
 */
export function cancelEmailChangeWithLink(tokenHash: string, now: Date): Promise<User | undefined> {
  return inLinkTransaction(async (tx) => {
    const link = await spend(tx, tokenHash, "cancel-email-change", now);
    if (!link) return undefined;
    const [user] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, link.userId), eq(users.email, link.email)));
    if (!user) return undefined;
    await tx.delete(mailLinks).where(heldBy(user.id, "change-email"));
    return user;
  });
}

export type EmailChange = { user: User; previousEmail: string };

/**
 * Spends an email-change link and moves the account to the new address (verified: the link reached it), unless
 * another account took that address meanwhile — the unique index decides, so a race cannot give it to two.
 * Links sent to the old address stop working. The person and their old address, or undefined.
 */
export async function changeEmailWithLink(tokenHash: string, now: Date): Promise<EmailChange | undefined> {
  return inLinkTransaction(async (tx) => {
    const link = await spend(tx, tokenHash, "change-email", now);
    if (!link) return undefined;
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.email, link.email), ne(users.id, link.userId)))
      .limit(1);
    if (taken) return undefined;
    const [before] = await tx.select({ email: users.email }).from(users).where(eq(users.id, link.userId)).for("update");
    if (!before) return undefined;
    const [user] = await tx
      .update(users)
      .set({ email: link.email, emailVerifiedAt: now })
      .where(eq(users.id, link.userId))
      .returning();
    await tx.delete(mailLinks).where(and(eq(mailLinks.userId, link.userId), ne(mailLinks.id, link.id)));
    return user && { user, previousEmail: before.email };
  }).catch((error: unknown) => {
    if (isUniqueViolation(error)) return undefined; // taken between the check and the update
    throw error;
  });
}

function isUniqueViolation(error: unknown): boolean {
  for (let cause = error; cause && typeof cause === "object"; cause = (cause as { cause?: unknown }).cause) {
    if ((cause as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/** How many links a person has that still work, by purpose (tests, and the voiding rule's check). */
export async function usableLinkCount(userId: string, purpose: LinkPurpose, now: Date): Promise<number> {
  const db = await getDb();
  const rows = await db
    .select({ id: mailLinks.id })
    .from(mailLinks)
    .where(and(heldBy(userId, purpose), unspent(now)));
  return rows.length;
}
