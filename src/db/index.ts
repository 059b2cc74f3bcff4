// The one seam to the database. Every query in the app goes through `getDb()`; the driver is chosen from
// DATABASE_URL (see ./url.ts and docs/architecture.md): unset → embedded PGlite, a Neon host → Neon, anything else →
// a PostgreSQL server through the same Neon driver.
//
// Opening is lazy and happens once per process — never at build time, when `next build` imports modules from
// several worker processes — and the instance lives on globalThis so dev hot reloads reuse it (PGlite allows
// one instance per directory).
import "server-only";

import path from "node:path";
import type { Logger } from "drizzle-orm/logger";

import { env } from "@/lib/server/env";

import { openNeon } from "./drivers/neon";
import { openPglite } from "./drivers/pglite";
import type { Database, OpenDatabase } from "./drivers/types";
import { databaseTarget } from "./url";

export type { Database, Executor, Transaction } from "./drivers/types";
export { DatabaseInUseError } from "./drivers/pglite";

const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");

interface DbState {
  open?: Promise<OpenDatabase>;
  queries: number;
}
const globalForDb = globalThis as typeof globalThis & { __authDb?: DbState };
const state: DbState = (globalForDb.__authDb ??= { queries: 0 });

/** Counts every statement Drizzle sends, so tests and the benchmark can prove a request ran none. */
const countingLogger: Logger = {
  logQuery(query) {
    state.queries += 1;
    if (env.LOG_DB_QUERIES) console.log(`[db] query: ${query.replace(/\s+/g, " ")}`);
  },
};

/** How many statements this process has sent so far. Compare two readings to count a request's queries. */
export function queryCount(): number {
  return state.queries;
}

export interface OpenOptions {
  databaseUrl?: string;
  pgliteDir?: string;
  /** Apply pending migrations on open. Always on for the embedded database, which has no other set-up step. */
  migrate?: boolean;
}

/** Opens a database without touching the process-wide one (scripts and tests). The caller closes it. */
export async function openDatabase(options: OpenOptions = {}): Promise<OpenDatabase> {
  const target = databaseTarget(options.databaseUrl, options.pgliteDir ?? env.PGLITE_DIR);
  const driverOptions = { logger: countingLogger, migrationsFolder: MIGRATIONS_FOLDER };
  const opened =
    target.kind === "pglite" ? await openPglite(target.dir, driverOptions) : await openNeon(target, driverOptions);
  if (options.migrate ?? target.kind === "pglite") {
    try {
      await opened.migrate();
    } catch (error) {
      await opened.close();
      throw error;
    }
  }
  return opened;
}

/** The process-wide database, opened on first use from the environment. */
export function getDb(): Promise<Database> {
  state.open ??= openDatabase({ databaseUrl: env.DATABASE_URL }).catch((error: unknown) => {
    state.open = undefined; // let the next call try again instead of caching the failure
    throw error;
  });
  return state.open.then((opened) => opened.db);
}

/** Closes the process-wide database (tests, graceful shutdown). The next `getDb()` opens it again. */
export async function closeDb(): Promise<void> {
  const open = state.open;
  state.open = undefined;
  if (open) await (await open).close();
}
