// The embedded database: PostgreSQL compiled to WebAssembly, persisted in a directory, so `npm run dev` needs
// no server and no setup. PGlite is single-process: one instance per process (see ../index.ts), and a lock so
// that a second process fails with a clear message instead of corrupting the directory.
import "server-only";

import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import lockfile from "proper-lockfile";

import * as schema from "@/db/schema";

import type { Database, DriverOptions, OpenDatabase } from "./types";

/** `memory://` keeps everything in memory (tests); anything else is a directory. */
const IN_MEMORY = "memory://";

export class DatabaseInUseError extends Error {
  override name = "DatabaseInUseError";
}

async function lockDirectory(dir: string): Promise<() => Promise<void>> {
  try {
    // proper-lockfile refreshes the lock's mtime while we live; a crashed process leaves a lock that goes
    // stale after `stale` ms, so the next start recovers by itself.
    return await lockfile.lock(dir, {
      stale: 15_000,
      update: 5_000,
      retries: 0,
      realpath: false,
      onCompromised: (error) => console.warn(`[db] lost the lock on ${dir}: ${error.message}`),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") {
      throw new DatabaseInUseError(
        `PGLITE_DIR ${dir} is in use by another process, most likely npm run dev: stop the dev server first ` +
          "(the embedded database opens in one process at a time), or set DATABASE_URL to a PostgreSQL server",
      );
    }
    throw error;
  }
}

export async function openPglite(dir: string, options: DriverOptions): Promise<OpenDatabase> {
  const inMemory = dir === IN_MEMORY;
  let release: (() => Promise<void>) | undefined;
  if (!inMemory) {
    mkdirSync(dir, { recursive: true });
    release = await lockDirectory(path.resolve(dir));
  }
  try {
    // pg_trgm: the admin search's trigram indexes (the migration creates the extension; PGlite must ship its code).
    const client = await PGlite.create(inMemory ? undefined : dir, { extensions: { pg_trgm } });
    const db = drizzle({ client, schema, logger: options.logger });
    return {
      db: db as unknown as Database, // same query builder; only the driver's result type differs
      migrate: () => migrate(db, { migrationsFolder: options.migrationsFolder }),
      async close() {
        await client.close();
        await release?.();
      },
    };
  } catch (error) {
    await release?.();
    throw error;
  }
}
