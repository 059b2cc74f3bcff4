// Preloaded by the CLI scripts (db:migrate, db:seed) so they read .env files exactly as `next dev` does,
// with Next's own loader and precedence (.env.local over .env, and so on).
import nextEnv from "@next/env";

nextEnv.loadEnvConfig(process.cwd());
