// Opening the database when the server starts means the embedded PGlite is created and migrated before the
// first request instead of during it, and a PGLITE_DIR that another process holds stops start-up with one clear
// line.
import { DatabaseInUseError, getDb } from "@/db";
import { describeError } from "@/lib/describe-error";

export async function openDatabaseAtStartup(): Promise<void> {
  try {
    await getDb();
  } catch (error) {
    console.error(`✖ ${describeError(error)}`);
    if (error instanceof DatabaseInUseError) process.exit(1);
    // Anything else (a server that is down) is not fatal: /api/health reports it, and getDb() retries.
  }
}
