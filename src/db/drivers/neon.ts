// Production's driver: @neondatabase/serverless through Drizzle's `neon-serverless` adapter (a Pool over
// WebSocket; see docs/architecture.md for why not `neon-http`). A URL that is not a Neon host gets a loopback relay
// in front of it (../relay.ts), so local Postgres and CI run the very same driver code as production.
import "server-only";

import { neonConfig, Pool } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-serverless";
import { migrate } from "drizzle-orm/neon-serverless/migrator";
import ws from "ws";

import { acquireRelay, type RelayLease } from "@/db/relay";
import * as schema from "@/db/schema";
import type { DatabaseTarget } from "@/db/url";

import type { Database, DriverOptions, OpenDatabase } from "./types";

type ServerTarget = Exclude<DatabaseTarget, { kind: "pglite" }>;

export async function openNeon(target: ServerTarget, options: DriverOptions): Promise<OpenDatabase> {
  // Node 20 has no global WebSocket.
  neonConfig.webSocketConstructor = ws;

  let relay: RelayLease | undefined;
  if (target.kind === "postgres") {
    relay = await acquireRelay(target);
    // Plain ws:// to our relay, which speaks plain TCP to Postgres; no TLS-in-WebSocket pipelining tricks,
    // which only Neon's proxy understands.
    neonConfig.wsProxy = `127.0.0.1:${relay.port}/v2`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }

  const pool = new Pool({ connectionString: target.url, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its socket must not crash the process; the next query reconnects.
  pool.on("error", (error: Error) => console.error(`[db] idle connection error: ${error.message}`));
  const db = drizzle({ client: pool, schema, logger: options.logger });

  return {
    db: db as unknown as Database, // same query builder; only the driver's result type differs
    migrate: () => migrate(db, { migrationsFolder: options.migrationsFolder }),
    async close() {
      await pool.end();
      await relay?.release();
    },
  };
}
