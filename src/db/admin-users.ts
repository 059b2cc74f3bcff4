// The queries behind /admin: a page of accounts and one account's recent events. Each page is ONE statement —
// the keyset over (created_at, id), the optional prefix search and every row's count of live device sessions —
// so a table of 100,000 accounts costs what a table of 100 does. (bench/sections/admin-paging.ts proves it.)
import "server-only";

import { and, asc, desc, eq, gt, isNull, or, sql, type SQL } from "drizzle-orm";

import { getDb, type Database } from "./index";
import { authEvents, deviceSessions, users, type AuthEvent, type User } from "./schema";

/**
 * Where a page starts: the (created_at, id) of a row. `createdAt` is the database's own text of it, to the
 * microsecond (a JavaScript Date keeps milliseconds only, and rows a microsecond apart would repeat or vanish).
 */
export interface UserKey {
  createdAt: string;
  id: string;
}

export interface UsersPageQuery {
  /** A prefix of the email or of the name, matched case-insensitively; `%`, `_` and `\` match themselves. */
  search?: string;
  /** The rows after this key (the next page) or before it (the previous one); none: the first page. */
  from?: { direction: "after" | "before"; key: UserKey };
  limit: number;
  /** Device sessions begun before this have ended (SESSION_MAX_AGE_DAYS). */
  signedInSince: Date;
}

export interface AdminUserRow extends Pick<User, "id" | "name" | "email" | "role" | "createdAt"> {
  /** Live device sessions: not revoked, begun after `signedInSince`. */
  activeSessions: number;
  key: UserKey;
}

export interface UsersPage {
  /** Oldest first, at most `limit`. */
  rows: AdminUserRow[];
  /** Whether there are rows beyond these in the direction asked (after them; before them for "before"). */
  more: boolean;
}

/** `text` as a LIKE pattern that matches it as a prefix: its wildcards and the escape character taken literally. */
export const likePrefix = (text: string): string => `${text.replace(/[\\%_]/g, "\\$&")}%`;

/**
 * Matches the email or the name by prefix. Both sides are lower-cased by PostgreSQL's own lower(), so they agree
 * whatever the input's case; the pattern is a parameter folded to a constant at planning, which lets the planner
 * use users_email_pattern_idx and users_name_lower_pattern_idx (an OR of two index ranges).
 */
function matching(search: string): SQL | undefined {
  const pattern = likePrefix(search);
  return or(sql`${users.email} like lower(${pattern})`, sql`lower(${users.name}) like lower(${pattern})`);
}

function beyond({ direction, key }: NonNullable<UsersPageQuery["from"]>): SQL {
  const row = sql`(${users.createdAt}, ${users.id})`;
  const at = sql`(${key.createdAt}::timestamptz, ${key.id}::uuid)`;
  return direction === "after" ? sql`${row} > ${at}` : sql`${row} < ${at}`;
}

/**
 * The statement behind a page, not yet sent: the benchmark EXPLAINs exactly this. It asks for `limit + 1` rows
 * (the extra one says whether there is more), in the direction of travel.
 */
export function usersPageStatement(db: Database, { search, from, limit, signedInSince }: UsersPageQuery) {
  const order = from?.direction === "before" ? desc : asc;
  // Correlated, on device_sessions_user_id_idx: a handful of rows per person, counted for the page's rows only.
  const activeSessions = sql<number>`(
    select count(*)::int from ${deviceSessions}
    where ${and(
      eq(deviceSessions.userId, users.id),
      isNull(deviceSessions.revokedAt),
      gt(deviceSessions.createdAt, signedInSince),
    )})`.mapWith(Number);
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      createdAt: users.createdAt,
      keyAt: sql<string>`to_char(${users.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      activeSessions,
    })
    .from(users)
    .where(and(search ? matching(search) : undefined, from ? beyond(from) : undefined))
    .orderBy(order(users.createdAt), order(users.id))
    .limit(limit + 1);
}

/** One page of accounts, with each one's live device sessions: one statement. */
export async function listUsersPage(query: UsersPageQuery): Promise<UsersPage> {
  const rows = await usersPageStatement(await getDb(), query);
  const more = rows.length > query.limit;
  const page = rows
    .slice(0, query.limit)
    .map(({ keyAt, ...row }) => ({ ...row, key: { createdAt: keyAt, id: row.id } }));
  return { rows: query.from?.direction === "before" ? page.reverse() : page, more };
}

export type ActivityEvent = Omit<AuthEvent, "userId">;

/**
 * The account's name and its newest events, newest first — one statement (a lateral join), so the admin's view
 * of one person's activity costs one query. Undefined when there is no such account.
 */
export async function getUserActivity(
  userId: string,
  limit: number,
): Promise<{ name: string; events: ActivityEvent[] } | undefined> {
  const db = await getDb();
  const recent = db
    .select()
    .from(authEvents)
    .where(eq(authEvents.userId, users.id))
    .orderBy(desc(authEvents.createdAt), desc(authEvents.id))
    .limit(limit)
    .as("recent");
  const rows = await db
    .select({
      name: users.name,
      // Drizzle makes this null when the left join found no event (every field null).
      event: {
        id: recent.id,
        type: recent.type,
        actorId: recent.actorId,
        sessionId: recent.sessionId,
        device: recent.device,
        ip: recent.ip,
        detail: recent.detail,
        createdAt: recent.createdAt,
      },
    })
    .from(users)
    .leftJoinLateral(recent, sql`true`)
    .where(eq(users.id, userId))
    .orderBy(desc(recent.createdAt), desc(recent.id));
  const [first] = rows;
  if (!first) return undefined;
  const events = rows.flatMap(({ event }) => (event ? [event] : []));
  return { name: first.name, events };
}
