// The environment, parsed once (schema and messages in ./env-schema.ts). Edge-safe: the middleware, the Node
// server and the CLI scripts all read configuration from here, so they can never disagree about it.
import { parseEnv } from "./env-schema";

// `next build` evaluates modules with NODE_ENV=production but serves no request, so it needs no secret.
const isBuild = process.env.NEXT_PHASE === "phase-production-build";

export const env = parseEnv(process.env, { requireSecret: process.env.NODE_ENV === "production" && !isBuild });
