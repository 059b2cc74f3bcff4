// The PostgreSQL server the tests create their own databases on (see environment.ts for its URL).
import { sql } from "drizzle-orm";

import { openDatabase } from "@/db";

import { postgresAdminUrl } from "./environment";

/** Runs one statement (create/drop database, …) on the server's admin database, through the Neon driver. */
export async function onAdminDatabase(statement: string): Promise<void> {
  const admin = await openDatabase({ databaseUrl: postgresAdminUrl() });
  try {
    await admin.db.execute(sql.raw(statement));
  } finally {
    await admin.close();
  }
}

/** The URL of database `name` on the same server. */
export function databaseUrlFor(name: string): string {
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}
