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
