// What /admin's query string may say, and the links that write it. The page cursor is opaque to people (base64url
// of a small JSON) but never trusted: whatever comes back is parsed again with zod, and anything that does not
// parse is answered with the first page and a message, never a 500.
import "server-only";

import { z } from "zod";

import { ROUTES } from "@/config/routes";

export const USERS_PER_PAGE = 50;
export const SEARCH_MAX_LENGTH = 100;

/** A page's start: the rows after (or before) this (created_at to the microsecond, id). */
export interface PageCursor {
  direction: "after" | "before";
  createdAt: string;
  id: string;
}

// The database's own text of created_at in UTC, to the microsecond (what the query hands out).
const MICROSECOND_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const cursorSchema = z.object({
  d: z.enum(["after", "before"]),
  t: z
    .string()
    .regex(MICROSECOND_ISO)
    // A real instant: 2026-02-30 matches the pattern, and PostgreSQL would refuse it (a 500) rather than roll over.
    .refine((text) => {
      const date = new Date(text);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 23) === text.slice(0, 23);
    }),
  i: z.uuid(),
});

export function encodeCursor({ direction, createdAt, id }: PageCursor): string {
  return Buffer.from(JSON.stringify({ d: direction, t: createdAt, i: id })).toString("base64url");
}

/** The cursor a link carried, or undefined when it is not one this page wrote. */
export function decodeCursor(text: string): PageCursor | undefined {
  if (text.length > 200 || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  const parsed = cursorSchema.safeParse(json);
  return parsed.success ? { direction: parsed.data.d, createdAt: parsed.data.t, id: parsed.data.i } : undefined;
}

/** One value of a query parameter: the first, when a link repeats it. */
const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);

const searchSchema = z
  .string()
  .trim()
  .max(SEARCH_MAX_LENGTH)
  // Control characters match no one, and NUL would make PostgreSQL refuse the statement.
  .regex(/^[^\p{Cc}]*$/u);

export interface AdminQuery {
  search?: string;
  cursor?: PageCursor;
  /** Whose activity to show (an old link: the person's page shows it now). */
  events?: string;
  /** The page after a deletion: it says so. */
  deleted?: boolean;
  /** What was wrong with the query string, in words; the page shows what it could make of the rest. */
  problems: string[];
}

export function parseAdminQuery(params: Record<string, string | string[] | undefined>): AdminQuery {
  const problems: string[] = [];
  const query: AdminQuery = { problems };

  const q = single(params.q);
  if (q !== undefined) {
    const parsed = searchSchema.safeParse(q);
    if (!parsed.success)
      problems.push(`Search for at most ${SEARCH_MAX_LENGTH} characters, without control characters.`);
    else if (parsed.data) query.search = parsed.data;
  }

  const cursor = single(params.cursor);
  if (cursor !== undefined) {
    query.cursor = decodeCursor(cursor);
    if (!query.cursor) problems.push("That page link is not valid. Showing the first page.");
  }

  if (single(params.deleted) === "1") query.deleted = true;

  const events = single(params.events);
  if (events !== undefined) {
    const parsed = z.uuid().safeParse(events);
    if (parsed.success) query.events = parsed.data;
    else problems.push("That account no longer exists.");
  }
  return query;
}

/** A link to /admin with these parameters (empty ones left out). */
export function adminHref(params: { q?: string; cursor?: string; events?: string }, hash?: string): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
  const query = search.toString();
  return `${ROUTES.admin.path}${query ? `?${query}` : ""}${hash ? `#${hash}` : ""}`;
}
