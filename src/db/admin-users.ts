// The queries behind /admin: a page of accounts, one account's row, its recent events, and what an admin does to
// an account (disable, enable, delete). Each page is ONE statement — the keyset over (created_at, id), the
// optional substring search (trigram indexes) and every row's security facts (live device sessions, two-factor,
// passkeys, last sign-in) — so a table of 100,000 accounts costs what a table of 100 does.
// (bench/sections/admin-paging.ts proves it.)
import "server-only";

import { and, asc, desc, eq, or, sql, type SQL } from "drizzle-orm";

import type { NewAuthEvent } from "./auth-events";
import { getDb, type Database } from "./index";
import { changingCredentials } from "./queries";
import { authEvents, users, type AuthEvent, type User } from "./schema";
import { securityFactColumns } from "./security-facts";

/**
 * Where a page starts: the (created_at, id) of a row. `createdAt` is the database's own text of it, to the
 * microsecond (a JavaScript Date keeps milliseconds only, and rows a microsecond apart would repeat or vanish).
 */
export interface UserKey {
  createdAt: string;
  id: string;
}

export interface UsersPageQuery {
  /** Any part of the email or of the name, matched case-insensitively; `%`, `_` and `\` match themselves. */
  search?: string;
  /** The rows after this key (the next page) or before it (the previous one); none: the first page. */
  from?: { direction: "after" | "before"; key: UserKey };
  limit: number;
  /** Device sessions begun before this have ended (SESSION_MAX_AGE_DAYS). */
  signedInSince: Date;
}

export interface AdminUserRow extends Pick<
  User,
  "id" | "name" | "email" | "role" | "createdAt" | "emailVerifiedAt" | "disabledAt"
> {
  /** Live device sessions: not revoked, begun after `signedInSince`. */
  activeSessions: number;
  twoFactorOn: boolean;
  passkeys: number;
  /** The newest sign-in event still kept (AUTH_EVENTS_RETENTION_DAYS), or null. */
  lastSignInAt: Date | null;
  key: UserKey;
}

export interface UsersPage {
  /** Oldest first, at most `limit`. */
  rows: AdminUserRow[];
  /** Whether there are rows beyond these in the direction asked (after them; before them for "before"). */
  more: boolean;
}

/** `text` as a LIKE pattern that matches it anywhere: its wildcards and the escape character taken literally. */
export const likeSubstring = (text: string): string => `%${text.replace(/[\\%_]/g, "\\$&")}%`;

/**
 * Matches any part of the email or the name. Both sides are lower-cased by PostgreSQL's own lower(), so they agree
 * whatever the input's case; the pattern is a parameter folded to a constant at planning, which lets the planner
 * use users_email_trgm_idx and users_name_trgm_idx (a BitmapOr of two trigram index scans).
 */
function matching(search: string): SQL | undefined {
  const pattern = likeSubstring(search);
  return or(sql`lower(${users.email}) like lower(${pattern})`, sql`lower(${users.name}) like lower(${pattern})`);
}

function beyond({ direction, key }: NonNullable<UsersPageQuery["from"]>): SQL {
  const row = sql`(${users.createdAt}, ${users.id})`;
  const at = sql`(${key.createdAt}::timestamptz, ${key.id}::uuid)`;
  return direction === "after" ? sql`${row} > ${at}` : sql`${row} < ${at}`;
}

/** A timestamp an expression returned: a Date from one driver, its text from another, or null. */
const asDate = (value: unknown): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(String(value));

/**
 * An account's row as the admin sees it. Each fact is a subquery correlated on the account's id, each on an index
 * of its table (./security-facts.ts; auth_events_user_id_created_at_idx for the last sign-in): a handful of rows
 * per person, computed for the rows returned only.
 */
function adminColumns(signedInSince: Date) {
  return {
    id: users.id,
    name: users.name,
    email: users.email,
    role: users.role,
    createdAt: users.createdAt,
    emailVerifiedAt: users.emailVerifiedAt,
    disabledAt: users.disabledAt,
    keyAt: sql<string>`to_char(${users.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    ...securityFactColumns(signedInSince),
    lastSignInAt: sql<Date | null>`(
      select max(${authEvents.createdAt}) from ${authEvents}
      where ${and(eq(authEvents.userId, users.id), eq(authEvents.type, "sign-in"))})`.mapWith(asDate),
  };
}

const toRow = ({ keyAt, ...row }: { keyAt: string } & Omit<AdminUserRow, "key">): AdminUserRow => ({
  ...row,
  key: { createdAt: keyAt, id: row.id },
});

/**
 * The statement behind a page, not yet sent: the benchmark EXPLAINs exactly this. It asks for `limit + 1` rows
 * (the extra one says whether there is more), in the direction of travel.
 */
export function usersPageStatement(db: Database, { search, from, limit, signedInSince }: UsersPageQuery) {
  const order = from?.direction === "before" ? desc : asc;
  return db
    .select(adminColumns(signedInSince))
    .from(users)
    .where(and(search ? matching(search) : undefined, from ? beyond(from) : undefined))
    .orderBy(order(users.createdAt), order(users.id))
    .limit(limit + 1);
}

/** One page of accounts, with each one's live device sessions: one statement. */
export async function listUsersPage(query: UsersPageQuery): Promise<UsersPage> {
  const rows = await usersPageStatement(await getDb(), query);
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit).map(toRow);
  return { rows: query.from?.direction === "before" ? page.reverse() : page, more };
}

/** One account as a row of the table (its detail page's heading and facts): one statement; undefined if none. */
export async function getAdminUser(id: string, signedInSince: Date): Promise<AdminUserRow | undefined> {
  const db = await getDb();
  const [row] = await db.select(adminColumns(signedInSince)).from(users).where(eq(users.id, id)).limit(1);
  return row && toRow(row);
}

/**
 * Disables the account and ends every session of it, in one transaction (the credentials-changed event, as "sign
 * out everywhere" runs it). The account as it is after, or undefined when there is no such account.
 */
export async function disableUser(id: string, now = new Date()): Promise<User | undefined> {
  return changingCredentials(id, undefined, now, { disabledAt: now });
}

/** Lets a disabled account sign in again. The account, or undefined when there is no such account. */
export async function enableUser(id: string): Promise<User | undefined> {
  const db = await getDb();
  const [user] = await db.update(users).set({ disabledAt: null }).where(eq(users.id, id)).returning();
  return user;
}

/**
 * Deletes an account whatever its session version (an admin's decision); its sessions end at their next check (the
 * row is gone). Its own events go with it, so `event` (the deletion, naming the admin) is stored without an
 * account, in the same transaction. The account as it was, or undefined when there was no such account.
 */
export async function deleteUserAsAdmin(
  id: string,
  event: NewAuthEvent,
): Promise<Pick<User, "id" | "name" | "email"> | undefined> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(users)
      .where(eq(users.id, id))
      .returning({ id: users.id, name: users.name, email: users.email });
    if (deleted) await tx.insert(authEvents).values({ ...event, userId: null });
    return deleted;
  });
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
