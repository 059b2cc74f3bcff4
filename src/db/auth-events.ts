// The queries behind the security events (auth_events). An event is written with one insert, on a path that
// writes anyway (a sign-in, a password change, a sign-out); reading them is a page's own declared query.
import "server-only";

import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";

import type { AuthEventType } from "@/config/auth-events";

import { getDb } from "./index";
import { authEvents, users, type AuthEvent } from "./schema";
import { sweep } from "./sweep";

export type NewAuthEvent = Omit<typeof authEvents.$inferInsert, "id" | "userId"> & { type: AuthEventType };

/** Records an event of the account `userId`. */
export async function insertAuthEvent(userId: string, event: NewAuthEvent): Promise<void> {
  const db = await getDb();
  await db.insert(authEvents).values({ ...event, userId });
}

/** What an account's sign-ins before this one say about it: whether there were any, and any from this device. */
export interface SignInHistory {
  signedInBefore: boolean;
  fromThisDeviceBefore: boolean;
}

/**
 * Records a sign-in and answers, in the same statement, what the account's earlier sign-ins (those still kept) say
 * about this one: a first sign-in, a known device, or a device never seen — the last is what a "new sign-in" notice
 * is for. A device is its label without version numbers, so a browser's update is not a new device.
 */
export async function insertSignInEvent(userId: string, event: Omit<NewAuthEvent, "type">): Promise<SignInHistory> {
  const db = await getDb();
  const { sessionId = null, device = null, ip = null, detail = null } = event;
  const at = event.createdAt ?? new Date();
  const unversioned = (column: SQL) => sql`regexp_replace(${column}, '[ /]?[0-9]+([._][0-9]+)*', '', 'g')`;
  // The subqueries see the table as it was before this insert (one snapshot per statement).
  const result = await db.execute<{ before: boolean; here: boolean }>(sql`
    insert into ${authEvents} (type, user_id, session_id, device, ip, detail, created_at)
    values ('sign-in', ${userId}::uuid, ${sessionId}, ${device}, ${ip},
            ${detail === null ? null : JSON.stringify(detail)}::jsonb, ${at.toISOString()}::timestamptz)
    returning
      exists (select 1 from ${authEvents} e where e.user_id = ${userId}::uuid and e.type = 'sign-in') as before,
      exists (select 1 from ${authEvents} e where e.user_id = ${userId}::uuid and e.type = 'sign-in'
              and ${unversioned(sql`e.device`)} = ${unversioned(sql`${device}::text`)}) as here`);
  const row = result.rows[0];
  return { signedInBefore: Boolean(row?.before), fromThisDeviceBefore: Boolean(row?.here) };
}

/**
 * Records an event of the account that has `email`, if there is one — in the same single statement, so a failed
 * sign-in costs no extra lookup, and an address with no account leaves no row (its attempt is still logged).
 */
export async function insertAuthEventByEmail(
  email: string,
  event: NewAuthEvent,
  options: { onceWithinMs?: number } = {},
): Promise<void> {
  const db = await getDb();
  const { type, actorId = null, sessionId = null, device = null, ip = null, detail = null } = event;
  const at = event.createdAt ?? new Date();
  // With onceWithinMs, not again while the account has the same event that recent: a flood of refused attempts
  // is one row a minute, not one per attempt (each is still logged).
  const notRepeated = options.onceWithinMs
    ? sql`and not exists (
        select 1 from ${authEvents}
        where ${authEvents.userId} = ${users.id} and ${authEvents.type} = ${type}
          and ${authEvents.createdAt} > ${new Date(at.getTime() - options.onceWithinMs).toISOString()}::timestamptz)`
    : sql``;
  await db.execute(sql`
    insert into ${authEvents} (type, user_id, actor_id, session_id, device, ip, detail, created_at)
    select ${type}, ${users.id}, ${actorId}::uuid, ${sessionId}, ${device}, ${ip},
           ${detail === null ? null : JSON.stringify(detail)}::jsonb, ${at.toISOString()}::timestamptz
    from ${users} where ${users.email} = ${email} ${notRepeated}`);
}

/**
 * The account's events, newest first: the newest `limit`, or with `before` (an event's id) the `limit` after that
 * one — a keyset page, as quick on the thousandth page as on the first. The cursor's own row is read inside the
 * statement rather than carried in the URL as a time, whose milliseconds would lose Postgres's microseconds and skip
 * events. A cursor that is not this account's event (swept, or made up) gives no rows.
 */
export async function listAuthEvents(userId: string, limit: number, before?: string): Promise<AuthEvent[]> {
  const db = await getDb();
  const after = before
    ? sql`(${authEvents.createdAt}, ${authEvents.id}) < (
        select c.created_at, c.id from ${authEvents} c where c.id = ${before}::uuid and c.user_id = ${userId}::uuid)`
    : undefined;
  return db
    .select()
    .from(authEvents)
    .where(and(eq(authEvents.userId, userId), after))
    .orderBy(desc(authEvents.createdAt), desc(authEvents.id))
    .limit(limit);
}

/** Deletes (a batch of) events older than `before`: called where events are written, so no cron job is needed. */
export async function deleteAuthEventsBefore(before: Date): Promise<void> {
  const db = await getDb();
  await sweep(db, authEvents, authEvents.id, lt(authEvents.createdAt, before));
}
