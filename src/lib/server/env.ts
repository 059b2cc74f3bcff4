// The environment, parsed once (schema and messages in ./env-schema.ts). The Node server and the CLI scripts read
// configuration from here, so they can never disagree about it. The Edge middleware does not: zod is too heavy
// for it, so it reads its two settings through ./edge-env.ts, which a test holds to this schema.
import "server-only";

import { parseEnv } from "./env-schema";

// `next build` evaluates modules with NODE_ENV=production but serves no request, so it needs no secret.
const isBuild = process.env.NEXT_PHASE === "phase-production-build";

export const env = parseEnv(process.env, { productionServer: process.env.NODE_ENV === "production" && !isBuild });
