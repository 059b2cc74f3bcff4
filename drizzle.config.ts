// drizzle-kit reads this for `db:generate` (SQL migrations into ./drizzle, no database needed) and `db:studio`.
// Migrations are *applied* by our own runner (`npm run db:migrate`, scripts/migrate.ts) because it knows all three
// DATABASE_URL forms, including the embedded PGlite one and local Postgres through the Neon driver.
import { defineConfig } from "drizzle-kit";

const url = process.env.DATABASE_URL;

export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema.ts",
  out: "./drizzle",
  strict: true,
  verbose: true,
  ...(url
    ? { dbCredentials: { url } }
    : { driver: "pglite", dbCredentials: { url: process.env.PGLITE_DIR ?? "./.data/pglite" } }),
});
