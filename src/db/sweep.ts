// The clean-up a write does on its way — finished device sessions, old events, expired pending sign-ins and
// WebAuthn challenges: a bounded batch of rows deleted by one indexed statement, so no cron job is needed and a
// backlog never makes one request slow.
import "server-only";

import { inArray, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";

import type { Database } from "./index";

/** How many rows one sweep deletes at most. */
const SWEEP_BATCH = 500;

/** Deletes up to SWEEP_BATCH rows of `table` that match `where`, picked by their primary key `key`. One statement. */
export async function sweep(db: Database, table: PgTable, key: PgColumn, where: SQL | undefined): Promise<void> {
  const batch = db.select({ key }).from(table).where(where).limit(SWEEP_BATCH);
  await db.delete(table).where(inArray(key, batch));
}
