// The queries behind device sessions: one row per sign-in, named by the `sid` its session token carries. The
// row is read only where the token is re-checked anyway (every AUTH_REVALIDATE_SECONDS, and before a write), by
// one statement that also writes "last seen" — so a plain request runs no query, and a re-check runs one.
//
// Every time is passed in (`now`, `signedInSince`), never the database's clock: a test moves the clock instead
// of sleeping. `signedInSince` is now less SESSION_MAX_AGE_DAYS: a session that began before it has ended.
import "server-only";

import { randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNotNull, isNull, lt, ne, or } from "drizzle-orm";

import { getDb, type Executor } from "./index";
import { deviceSessions, users, type DeviceSession, type User } from "./schema";
import { sweep } from "./sweep";

/** 96 random bits: unguessable, and 16 characters in a cookie that every request carries. */
export const newSessionId = (): string => randomBytes(12).toString("base64url");

/**
 * Records a sign-in and returns its session id. Cleans up as it writes: revoked rows and rows older than the
 * absolute lifetime, of anyone, are deleted here (indexed, in batches), so no cron job is needed.
 */
export async function startDeviceSession(
  session: { userId: string; device: string; ip: string | null },
  now: Date,
  signedInSince: Date,
): Promise<string> {
  const db = await getDb();
  const id = newSessionId();
  // Two statements, no transaction: the sweep and the new row do not depend on each other.
  await sweep(
    db,
    deviceSessions,
    deviceSessions.id,
    or(isNotNull(deviceSessions.revokedAt), lt(deviceSessions.createdAt, signedInSince)),
  );
  await db.insert(deviceSessions).values({ ...session, id, createdAt: now, lastSeenAt: now });
  return id;
}

/** Live: not revoked, and begun within the absolute lifetime. */
const live = (signedInSince: Date) =>
  and(isNull(deviceSessions.revokedAt), gt(deviceSessions.createdAt, signedInSince));

/**
 * The re-check: the person, when their device session `sessionId` is still live — and its "last seen" moved to
 * `now` in the same statement. Undefined when the session was revoked, has outlived its absolute lifetime, or is
 * not theirs, or the account is gone. One statement.
 */
export async function touchDeviceSession(
  userId: string,
  sessionId: string,
  now: Date,
  signedInSince: Date,
): Promise<User | undefined> {
  const db = await getDb();
  const [row] = await db
    .update(deviceSessions)
    .set({ lastSeenAt: now })
    .from(users)
    .where(
      and(
        eq(deviceSessions.id, sessionId),
        eq(deviceSessions.userId, userId),
        eq(users.id, deviceSessions.userId),
        live(signedInSince),
      ),
    )
    .returning({ user: users });
  return row?.user;
}

/** The person's live device sessions, most recently active first. */
export async function listDeviceSessions(userId: string, signedInSince: Date): Promise<DeviceSession[]> {
  const db = await getDb();
  return db
    .select()
    .from(deviceSessions)
    .where(and(eq(deviceSessions.userId, userId), live(signedInSince)))
    .orderBy(desc(deviceSessions.lastSeenAt), desc(deviceSessions.createdAt));
}

/**
 * Revokes one of the person's own sessions. Only a row of `userId`'s matches: someone else's id changes nothing
 * and returns undefined, exactly as an unknown one does.
 */
export async function revokeDeviceSession(
  userId: string,
  sessionId: string,
  now: Date,
): Promise<Pick<DeviceSession, "id" | "device"> | undefined> {
  const db = await getDb();
  const [revoked] = await db
    .update(deviceSessions)
    .set({ revokedAt: now })
    .where(and(eq(deviceSessions.id, sessionId), eq(deviceSessions.userId, userId), isNull(deviceSessions.revokedAt)))
    .returning({ id: deviceSessions.id, device: deviceSessions.device });
  return revoked;
}

/**
 * Revokes every live session of the person except `keep` (none kept when it is undefined); returns how many.
 * Takes a transaction, so the statements that bump the session version revoke the rows with them.
 */
export async function revokeDeviceSessions(
  userId: string,
  now: Date,
  options: { keep?: string; executor?: Executor } = {},
): Promise<number> {
  const executor = options.executor ?? (await getDb());
  const revoked = await executor
    .update(deviceSessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(deviceSessions.userId, userId),
        isNull(deviceSessions.revokedAt),
        options.keep ? ne(deviceSessions.id, options.keep) : undefined,
      ),
    )
    .returning({ id: deviceSessions.id });
  return revoked.length;
}
