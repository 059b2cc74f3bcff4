// The schema of the environment (every variable is listed in .env.example). No Node APIs, and not server-only:
// next.config.ts, which runs outside React Server Components, imports it too. `./env.ts` parses
// process.env with it once for the app; next.config.ts runs it when a server starts, so a bad variable stops
// start-up with one line instead of failing the first request.
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

import { EnvError, MIN_REVALIDATE_SECONDS, SECRET_HINT } from "../edge/env-error";

export { EnvError };

/** A comma-separated list: the first secret encrypts new sessions, every one decrypts (rotation). */
const authSecrets = z
  .string({ error: `AUTH_SECRET is required in production: ${SECRET_HINT}` })
  .transform((raw) =>
    raw
      .split(",")
      .map((secret) => secret.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.string().min(32, `AUTH_SECRET entries must be at least 32 characters: ${SECRET_HINT}`))
      .min(1, `AUTH_SECRET is empty: ${SECRET_HINT}`),
  );

const databaseUrl = z.url({
  protocol: /^postgres(ql)?$/,
  error:
    "DATABASE_URL must be a postgres:// URL such as postgres://user:password@host:5432/db (or unset it to use the embedded database)",
});

const SMTP_HINT = "set SMTP_URL to your mail provider, e.g. smtps://user:password@smtp.example.com:465";

/** Where mail goes: smtp:// (STARTTLS when offered) or smtps:// (TLS from the start), credentials in the URL. */
const smtpUrl = z.url({ protocol: /^smtps?$/, error: `SMTP_URL must be an smtp:// or smtps:// URL: ${SMTP_HINT}` });

/** `Name <address>` or a bare address: what nodemailer takes as `from`. */
const mailFrom = z
  .string()
  .regex(
    /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
    'MAIL_FROM must be an address, or a name and an address: "Example <no-reply@example.com>"',
  );

const TRUSTED_PROXY_MESSAGE =
  "TRUSTED_PROXY must be vercel, or the number of reverse proxies in front of the app (0 to 10)";

/** `vercel`, or a count of proxies: 0 means none, so the client is the socket's peer. */
const trustedProxy = z
  .string()
  .refine((value) => value === "vercel" || /^\s*(?:\d|10)\s*$/.test(value), TRUSTED_PROXY_MESSAGE)
  .transform((value): "vercel" | number => (value === "vercel" ? "vercel" : Number(value)))
  .optional();

const integer = (name: string, min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number between ${min} and ${max}` })
    .int(`${name} must be a whole number between ${min} and ${max}`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)
    .default(fallback);

export type Env = ReturnType<typeof parseEnv>;

/**
 * Throws an EnvError with one line naming the first bad variable and how to fix it. A production server
 * (`productionServer`) must have a secret and somewhere to send mail; development has fallbacks for both.
 */
export function parseEnv(source: Record<string, string | undefined>, options: { productionServer: boolean }) {
  const env = parseVariables(source, options);
  if (options.productionServer && !env.AUTH_URL) {
    throw new EnvError(
      "AUTH_URL is required in production (links in mail are built from it): set it to the app's public URL, e.g. https://app.example.com",
    );
  }
  if (options.productionServer && !env.SMTP_URL) {
    throw new EnvError(`SMTP_URL is required in production (mail carries password resets): ${SMTP_HINT}`);
  }
  // Vercel overwrites X-Forwarded-For and gives the app no socket, so only its own header can be trusted there
  // (the default there), and that header is anybody's to write anywhere else.
  const onVercel = source.VERCEL === "1";
  const TRUSTED_PROXY = env.TRUSTED_PROXY ?? (onVercel ? "vercel" : 0);
  if (onVercel !== (TRUSTED_PROXY === "vercel")) {
    throw new EnvError(
      onVercel ? "TRUSTED_PROXY must be vercel (or unset) on Vercel" : "TRUSTED_PROXY=vercel works only on Vercel",
    );
  }
  return { ...env, TRUSTED_PROXY };
}

function parseVariables(source: Record<string, string | undefined>, options: { productionServer: boolean }) {
  return createEnv({
    server: {
      NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
      DATABASE_URL: databaseUrl.optional(),
      PGLITE_DIR: z.string().min(1).default("./.data/pglite"),
      AUTH_SECRET: options.productionServer ? authSecrets : authSecrets.optional(),
      AUTH_URL: z.url({ error: "AUTH_URL must be an absolute URL such as https://app.example.com" }).optional(),
      AUTH_TRUST_HOST: z.stringbool({ error: "AUTH_TRUST_HOST must be true or false" }).optional(),
      AUTH_REVALIDATE_SECONDS: integer("AUTH_REVALIDATE_SECONDS", MIN_REVALIDATE_SECONDS, 86_400, 300),
      // NIST SP 800-63B rev. 4: 15 when the password is the only factor; never below 8.
      PASSWORD_MIN_LENGTH: integer("PASSWORD_MIN_LENGTH", 8, 64, 15),
      // bcrypt work factor: each step doubles the cost of a guess (and of a sign-in). Tests lower it to 10.
      BCRYPT_COST: integer("BCRYPT_COST", 10, 15, 12),
      // Where the client's IP comes from (src/lib/server/client-ip.ts): `vercel`, or how many reverse proxies stand in front.
      TRUSTED_PROXY: trustedProxy,
      // The sign-in throttle (src/features/auth/server/throttle.ts): consecutive failures per email from one IP, failures
      // per IP across all accounts, and consecutive failures per account from anywhere — NIST SP 800-63B rev. 4
      // allows at most 100 of those. Then sign-ups per IP.
      SIGNIN_FAILURES_PER_EMAIL_AND_IP: integer("SIGNIN_FAILURES_PER_EMAIL_AND_IP", 1, 100, 10),
      SIGNIN_FAILURES_PER_IP: integer("SIGNIN_FAILURES_PER_IP", 1, 1_000_000, 100),
      SIGNIN_FAILURES_PER_ACCOUNT: integer("SIGNIN_FAILURES_PER_ACCOUNT", 1, 100, 100),
      SIGNUPS_PER_IP: integer("SIGNUPS_PER_IP", 1, 1_000_000, 20),
      // Links sent by mail (reset, verification, email change) per address and per IP, in an hour.
      MAIL_LINKS_PER_EMAIL: integer("MAIL_LINKS_PER_EMAIL", 1, 1_000, 5),
      MAIL_LINKS_PER_IP: integer("MAIL_LINKS_PER_IP", 1, 1_000_000, 20),
      // `required`: no sign-in before the address is verified. `optional`: signed in at once, asked to verify.
      EMAIL_VERIFICATION: z
        .enum(["required", "optional"], { error: "EMAIL_VERIFICATION must be required or optional" })
        .default("required"),
      // How long a device session lasts after its sign-in, however active it is (Auth.js's idle expiry, 30 days
      // without a request, applies too).
      SESSION_MAX_AGE_DAYS: integer("SESSION_MAX_AGE_DAYS", 1, 365, 30),
      // How long security events (auth_events: Recent activity, /admin) are kept.
      AUTH_EVENTS_RETENTION_DAYS: integer("AUTH_EVENTS_RETENTION_DAYS", 1, 3_650, 90),
      // Access tokens for other services (POST /api/token, src/features/access-tokens): who they are for (their
      // `aud`; a verifier refuses any other), and how long one lasts. Short: a token cannot be taken back.
      ACCESS_TOKEN_AUDIENCE: z
        .string()
        .trim()
        .min(1, "ACCESS_TOKEN_AUDIENCE must name the services the tokens are for, e.g. https://api.example.com")
        .max(200, "ACCESS_TOKEN_AUDIENCE must be at most 200 characters")
        .default("api"),
      ACCESS_TOKEN_TTL_SECONDS: integer("ACCESS_TOKEN_TTL_SECONDS", 30, 3_600, 300),
      // Unset in development: mail goes to the local outbox (console and /dev/mail). Required in production.
      SMTP_URL: smtpUrl.optional(),
      MAIL_FROM: mailFrom.default("Edge JWT Auth <no-reply@localhost>"),
      SEED_ADMIN_PASSWORD: z.string().optional(),
      // One "[db] query: …" line per statement on stdout: how the browser tests and the benchmark count queries.
      // How much the JSON log (pino, src/lib/server/logger.ts) writes: the security events are `info`.
      LOG_LEVEL: z
        .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
          error: "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent",
        })
        .optional(),
      LOG_DB_QUERIES: z.stringbool({ error: "LOG_DB_QUERIES must be true or false" }).default(false),
      // Serves /bench/public-dashboard, the benchmark's public twin of /dashboard. Off: that route is a 404.
      BENCH_ROUTES: z.stringbool({ error: "BENCH_ROUTES must be true or false" }).default(false),
    },
    runtimeEnv: source,
    emptyStringAsUndefined: true,
    onValidationError([first]) {
      const segment = first?.path?.[0];
      const name = String(typeof segment === "object" ? segment.key : (segment ?? "environment"));
      const message = first?.message ?? "is invalid";
      // Our messages start with the variable's name; zod's built-in ones do not, so name it for them.
      throw new EnvError(message.startsWith(name) ? message : `${name}: ${message}`);
    },
  });
}
