// Opening the database when the server starts means the embedded PGlite is created and migrated before the
// first request instead of during it, and a PGLITE_DIR that another process holds stops start-up with one clear
// line. So does a production server that cannot tell its clients' addresses apart.
import { DatabaseInUseError, getDb } from "./db";
import { describeError } from "./lib/edge/describe-error";
import { clientIpSourceProblem } from "./lib/server/client-ip";
import { env } from "./lib/server/env";

export async function prepareServer(): Promise<void> {
  const problem = env.NODE_ENV === "production" ? clientIpSourceProblem() : undefined;
  if (problem) {
    console.error(`✖ ${problem}`);
    process.exit(1);
  }
  try {
    await getDb();
  } catch (error) {
    console.error(`✖ ${describeError(error)}`);
    if (error instanceof DatabaseInUseError) process.exit(1);
    // Anything else (a server that is down) is not fatal: /api/health reports it, and getDb() retries.
  }
}
