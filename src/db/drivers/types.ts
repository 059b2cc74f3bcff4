import type { Logger } from "drizzle-orm/logger";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

import type * as schema from "@/db/schema";

/** Both drivers answer a raw `execute()` with at least `{ rows }`; say so, so raw SQL results are typed. */
interface RowsResult<Row> {
  rows: Row[];
}
interface RowsResultHKT extends PgQueryResultHKT {
  type: RowsResult<this["row"]>;
}

/** What every driver hands back: a Drizzle database over our schema, whichever engine is underneath. */
export type Database = PgDatabase<RowsResultHKT, typeof schema>;

/** A transaction of that database: what a statement that must commit with others runs on. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** Where a statement runs: the database itself, or a transaction it must commit with. */
export type Executor = Database | Transaction;

export interface OpenDatabase {
  db: Database;
  /** Applies the committed drizzle-kit migrations; a no-op when they are all applied already. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface DriverOptions {
  logger: Logger;
  migrationsFolder: string;
}
