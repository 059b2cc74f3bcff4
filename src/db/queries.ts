// Every query the app runs, as small named functions. Pages, actions and route handlers call these; none of them
// writes SQL or touches Drizzle directly.
import "server-only";

import { and, eq, sql } from "drizzle-orm";

import type { Role } from "@/config/roles";

import { credentialsChanged } from "./credentials-changed";
import { getDb } from "./index";
import { twoFactorSecrets, users, type NewUser, type User } from "./schema";

export async function getUserByEmail(email: string): Promise<User | undefined> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return user;
}

/** An account as sign-in needs it: the row, and whether two-factor is on — one lookup, whatever the answer. */
export async function getSignInAccount(email: string): Promise<(User & { twoFactorOn: boolean }) | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({ user: users, twoFactorOn: sql<boolean>`${twoFactorSecrets.enabledAt} is not null` })
    .from(users)
    .leftJoin(twoFactorSecrets, eq(twoFactorSecrets.userId, users.id))
    .where(eq(users.email, email))
    .limit(1);
  return row && { ...row.user, twoFactorOn: row.twoFactorOn === true };
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

/**
 * Sets a new password hash — only while the session version is still `expectedVersion`: a session revoked
 * meanwhile cannot change the password — and runs the credentials-changed event with it: every session ends and
 * everything pending is voided. The person as they are after it (the new session version), or undefined.
 */
export async function changePassword(
  id: string,
  expectedVersion: number,
  passwordHash: string,
  now = new Date(),
): Promise<User | undefined> {
  return changingCredentials(id, expectedVersion, now, { passwordHash });
}

/**
 * Sign out of all devices: the credentials-changed event (every session ends, everything pending is voided).
 * False when the version was no longer `expectedVersion`.
 */
export async function bumpSessionVersion(id: string, expectedVersion: number, now = new Date()): Promise<boolean> {
  return (await changingCredentials(id, expectedVersion, now, {})) !== undefined;
}

/**
 * An admin's "Sign out everywhere" for someone else: the same event, whatever the version is now (an increment,
 * so nothing another request did meanwhile is overwritten). The person, or undefined when there is no such account.
 */
export async function endEverySessionOf(id: string, now = new Date()): Promise<User | undefined> {
  return changingCredentials(id, undefined, now, {});
}

/**
 * `changes` and the credentials-changed event, in one transaction — only while the version is `expectedVersion`
 * (any version when undefined). Also an admin's disabling of an account (./admin-users.ts).
 */
export async function changingCredentials(
  id: string,
  expectedVersion: number | undefined,
  now: Date,
  changes: Partial<Pick<User, "passwordHash" | "disabledAt">>,
): Promise<User | undefined> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [current] = await tx
      .update(users)
      .set({ ...changes, updatedAt: now })
      .where(
        and(eq(users.id, id), expectedVersion === undefined ? undefined : eq(users.sessionVersion, expectedVersion)),
      )
      .returning();
    if (!current) return undefined;
    const after = await credentialsChanged(tx, id, now, "all");
    return after && { ...current, sessionVersion: after.sessionVersion };
  });
}

/** Deletes the account; its sessions end at their next check (the row is gone). */
export async function deleteUser(id: string, expectedVersion: number): Promise<boolean> {
  const db = await getDb();
  const deleted = await db
    .delete(users)
    .where(and(eq(users.id, id), eq(users.sessionVersion, expectedVersion)))
    .returning({ id: users.id });
  return deleted.length === 1;
}

export type SetRoleResult = "changed" | "unchanged" | "not-found" | "last-admin" | "forbidden";

/** What setUserRole did, and the role the person had before (read under the lock), when there is such a person. */
export interface SetRoleOutcome {
  result: SetRoleResult;
  from?: Role;
}

/**
 * `actor` gives `userId` the role `role`, unless that would leave no admin at all. The admins are locked for the
 * length of the transaction, so two admins demoting each other at the same moment cannot both succeed — and the
 * actor's own right to do it is read under that same lock: an admin demoted or signed out everywhere a moment
 * ago (after their session was checked) changes nothing. Reports the role the person had, for the audit trail.
 */
export async function setUserRole(
  actor: Pick<User, "id" | "sessionVersion">,
  userId: string,
  role: Role,
): Promise<SetRoleOutcome> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const admins = await tx
      .select({ id: users.id, sessionVersion: users.sessionVersion })
      .from(users)
      .where(eq(users.role, "admin"))
      .for("update");
    if (!admins.some(({ id, sessionVersion }) => id === actor.id && sessionVersion === actor.sessionVersion))
      return { result: "forbidden" };
    const [target] = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId)).for("update");
    if (!target) return { result: "not-found" };
    const from = target.role;
    if (from === role) return { result: "unchanged", from };
    if (from === "admin" && admins.length <= 1) return { result: "last-admin", from };
    await tx.update(users).set({ role }).where(eq(users.id, userId));
    return { result: "changed", from };
  });
}

class DatabaseTimeoutError extends Error {
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
