// `npm run db:migrate`: applies the committed migrations in ./drizzle to whatever DATABASE_URL names — Neon,
// a local PostgreSQL server (through the Neon driver and the loopback relay), or the embedded PGlite directory.
import { openDatabase } from "@/db/index";
import { databaseTarget, redactUrl } from "@/db/url";
import { describeError } from "@/lib/edge/describe-error";
import { env } from "@/lib/server/env";

const target = databaseTarget(env.DATABASE_URL, env.PGLITE_DIR);
const where = target.kind === "pglite" ? `embedded database in ${target.dir}` : redactUrl(target.url);

try {
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, migrate: true });
  await database.close();
  console.log(`Migrations applied to ${where}.`);
} catch (error) {
  console.error(`Migration failed for ${where}: ${describeError(error)}`);
  process.exitCode = 1;
}
