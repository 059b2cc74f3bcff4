// The two settings the Edge guard reads — AUTH_SECRET and AUTH_REVALIDATE_SECONDS — parsed without zod.
//
// Why not ./env.ts: the middleware runs in front of every request, and zod (even `zod/mini`) is a large share of
// its bundle (bench/README.md has the figures). The full schema in ./env-schema.ts stays the reference:
// it validates every variable when the server starts, and edge-env.test.ts checks, over generated inputs, that
// this parse gives the same values and the same one-line errors for these two.
import { EnvError, MIN_REVALIDATE_SECONDS, SECRET_HINT } from "./env-error";

type Source = Record<string, string | undefined>;

/** A comma-separated list: the first secret encrypts new sessions, every one decrypts (rotation). */
function parseAuthSecret(raw: string | undefined, required: boolean): string[] | undefined {
  if (!raw) {
    if (required) throw new EnvError(`AUTH_SECRET is required in production: ${SECRET_HINT}`);
    return undefined;
  }
  const secrets = raw
    .split(",")
    .map((secret) => secret.trim())
    .filter(Boolean);
  if (secrets.some((secret) => secret.length < 32)) {
    throw new EnvError(`AUTH_SECRET entries must be at least 32 characters: ${SECRET_HINT}`);
  }
  if (secrets.length === 0) throw new EnvError(`AUTH_SECRET is empty: ${SECRET_HINT}`);
  return secrets;
}

/** Seconds a token may go without a database check (docs/architecture.md, "Sessions"): a whole number, 10 to a day. */
function parseRevalidateSeconds(raw: string | undefined): number {
  const name = "AUTH_REVALIDATE_SECONDS";
  if (!raw) return 300;
  const value = Number(raw); // what z.coerce.number() does; .int() also means a safe integer
  if (!Number.isSafeInteger(value))
    throw new EnvError(`${name} must be a whole number between ${MIN_REVALIDATE_SECONDS} and 86400`);
  if (value < MIN_REVALIDATE_SECONDS) throw new EnvError(`${name} must be at least ${MIN_REVALIDATE_SECONDS}`);
  if (value > 86_400) throw new EnvError(`${name} must be at most 86400`);
  return value;
}

export function parseEdgeEnv(source: Source, options: { productionServer: boolean }) {
  return {
    AUTH_SECRET: parseAuthSecret(source.AUTH_SECRET, options.productionServer),
    AUTH_REVALIDATE_SECONDS: parseRevalidateSeconds(source.AUTH_REVALIDATE_SECONDS),
  };
}

// Same rule as ./env.ts: `next build` evaluates modules with NODE_ENV=production but serves no request.
const isBuild = process.env.NEXT_PHASE === "phase-production-build";

export const edgeEnv = parseEdgeEnv(
  { AUTH_SECRET: process.env.AUTH_SECRET, AUTH_REVALIDATE_SECONDS: process.env.AUTH_REVALIDATE_SECONDS },
  { productionServer: process.env.NODE_ENV === "production" && !isBuild },
);
