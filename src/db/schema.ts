// The single source of the table shapes and their TypeScript types. Names are snake_case in SQL and
// camelCase in TypeScript; constraints sit beside the columns they guard.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

import type { AuthEventDetail, AuthEventType } from "@/config/auth-events";
import type { AuthMethod } from "@/config/auth-methods";
import { LINK_PURPOSES } from "@/config/mail-links";
import { ROLES } from "@/config/roles";

export const roleEnum = pgEnum("role", ROLES);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Stored lower-cased and trimmed (the zod schemas do it); the check keeps a stray write honest.
    email: text("email").notNull(),
    name: text("name").notNull(),
    image: text("image"),
    passwordHash: text("password_hash").notNull(),
    role: roleEnum("role").notNull().default("user"),
    // Goes into the JWT at sign-in; bumping it ends every session made before (password change, sign out
    // everywhere). Compared by the Node runtime, never queried on plain requests.
    sessionVersion: integer("session_version").notNull().default(1),
    // When the person opened a link sent to `email` (null: never). A new email is verified by the change itself.
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    // When an admin disabled the account (null: it may sign in). Disabling also ends every session; sign-in
    // refuses a disabled account whatever the credential (src/features/auth/server/authorize.ts).
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (table) => [
    uniqueIndex("users_email_unique").on(table.email),
    // The /admin table pages by (created_at, id): a keyset, so page 2,000 costs what page 1 does.
    index("users_created_at_id_idx").on(table.createdAt, table.id),
    // Its search matches any part of the email or the name (LIKE '%turing%'): trigram indexes (pg_trgm, which the
    // migration creates and PGlite loads as an extension) answer a substring, where a b-tree answers only a prefix.
    index("users_email_trgm_idx").using("gin", sql`lower(${table.email}) gin_trgm_ops`),
    index("users_name_trgm_idx").using("gin", sql`lower(${table.name}) gin_trgm_ops`),
    check("users_email_normalised", sql`${table.email} = lower(trim(${table.email}))`),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/**
 * The columns a person edits on /profile. ./profile.ts reads and writes exactly these, and the profile feature's
 * PROFILE_FIELDS must declare each of them, no more (its type says so): a new profile field is its column above,
 * its name here, its declaration there, and a migration.
 */
export const PROFILE_COLUMNS = ["name", "image"] as const satisfies readonly (keyof User)[];
export type ProfileColumn = (typeof PROFILE_COLUMNS)[number];
export type Profile = Pick<User, ProfileColumn>;

/**
 * A sign-up waiting for its link (EMAIL_VERIFICATION=required): no account exists until the link mailed to `email`
 * is opened, so signing in before that answers as a wrong password does, and nobody can squat an address — a later
 * sign-up for the same address replaces the row (and its link), and a row is dead after `expires_at`. Only the
 * SHA-256 of the link's token is kept. Expired rows are deleted when the next one is written.
 */
export const pendingRegistrations = pgTable(
  "pending_registrations",
  {
    email: text("email").primaryKey(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("pending_registrations_token_hash_unique").on(table.tokenHash),
    index("pending_registrations_expires_at_idx").on(table.expiresAt),
    check("pending_registrations_email_normalised", sql`${table.email} = lower(trim(${table.email}))`),
  ],
);

export type PendingRegistration = typeof pendingRegistrations.$inferSelect;

/**
 * Counters of failed sign-ins, per email and per IP, shared by every instance of the app (rate-limiter-flexible's
 * Drizzle store: `key`, `points`, `expire` are the names it expects).
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    points: integer("points").notNull().default(0),
    expire: timestamp("expire", { withTimezone: true }),
  },
  (table) => [index("rate_limits_expire_idx").on(table.expire)],
);

export const linkPurposeEnum = pgEnum("link_purpose", LINK_PURPOSES);

/**
 * The links sent by mail (verify an address, reset a password, confirm an email change). Only the SHA-256 of a
 * link's token is kept: a copy of this table opens nothing. A row is spent by setting `used_at`, in the same
 * statement that checks it, so one link works once however many tabs race on it. Expired rows are deleted when
 * the next link is written (src/db/mail-links.ts), so no cron job is needed.
 */
export const mailLinks = pgTable(
  "verification_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull(),
    purpose: linkPurposeEnum("purpose").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The address the link was sent to: the account's for a reset or a verification, the new one for a change.
    email: text("email").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("verification_tokens_token_hash_unique").on(table.tokenHash),
    index("verification_tokens_user_purpose_idx").on(table.userId, table.purpose),
    index("verification_tokens_expires_at_idx").on(table.expiresAt),
  ],
);

export type MailLink = typeof mailLinks.$inferSelect;

/**
 * One row per sign-in: a device session. The session token carries its id as `sid`, and the Node runtime looks
 * the row up only where it already re-checks the token (every AUTH_REVALIDATE_SECONDS, and before a write), so a
 * plain request still runs no query. Revoking sets `revoked_at`; a revoked row, or one older than
 * SESSION_MAX_AGE_DAYS, ends its session at that check. Such rows are deleted when the next session is written
 * (src/db/device-sessions.ts), so no cron job is needed.
 */
export const deviceSessions = pgTable(
  "device_sessions",
  {
    // 96 random bits, base64url: not guessable, and short, because it rides in every request's cookie.
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // What a person recognises in the Devices list ("Chrome 131 on Linux"), parsed from the User-Agent once.
    device: text("device").notNull(),
    // From the source TRUSTED_PROXY names (src/lib/server/client-ip.ts); null when that source had none.
    ip: text("ip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // Written at each re-check, not on each request: accurate to AUTH_REVALIDATE_SECONDS.
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [
    index("device_sessions_user_id_idx").on(table.userId),
    index("device_sessions_created_at_idx").on(table.createdAt),
    index("device_sessions_revoked_at_idx")
      .on(table.revokedAt)
      .where(sql`${table.revokedAt} is not null`),
  ],
);

export type DeviceSession = typeof deviceSessions.$inferSelect;

/**
 * The account's security events (sign-ins, sign-outs, password and email changes, role changes, revoked
 * devices): what /settings shows as Recent activity and /admin per user. `actor_id` is set when someone else (an
 * admin) did it. Written with one insert on paths that already write, never on a plain request; rows older than
 * AUTH_EVENTS_RETENTION_DAYS are deleted on write, like the device sessions.
 */
export const authEvents = pgTable(
  "auth_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    type: text("type").$type<AuthEventType>().notNull(),
    // Null for a failed sign-in to an address that has no account (logged, and kept for no one's list).
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    sessionId: text("session_id"),
    device: text("device"),
    ip: text("ip"),
    detail: jsonb("detail").$type<AuthEventDetail>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("auth_events_user_id_created_at_idx").on(table.userId, table.createdAt),
    index("auth_events_created_at_idx").on(table.createdAt),
    // For the foreign key: deleting an admin sets their actor_id to null without a scan.
    index("auth_events_actor_id_idx")
      .on(table.actorId)
      .where(sql`${table.actorId} is not null`),
  ],
);

export type AuthEvent = typeof authEvents.$inferSelect;

/**
 * An account's authenticator-app secret (TOTP, RFC 6238). The secret is sealed under a key derived from
 * AUTH_SECRET (src/lib/server/secret-box.ts), so a copy of the table alone makes no codes. A row with `enabled_at` null is
 * a setup not confirmed yet; two-factor is on once one valid code set it. `last_used_step` is the time step of the
 * last code accepted: that step and every earlier one are refused, so a code works once.
 */
export const twoFactorSecrets = pgTable("two_factor_secrets", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  sealedSecret: text("sealed_secret").notNull(),
  enabledAt: timestamp("enabled_at", { withTimezone: true }),
  // 30-second steps since 1970 fit a 32-bit integer until the year 4010.
  lastUsedStep: integer("last_used_step"),
  // Wrong codes typed to confirm a setup: charged before each is checked, and the setup ends at the limit, as a
  // pending sign-in does. A setup also ends TWO_FACTOR_SETUP_SECONDS after `created_at`.
  failedAttempts: integer("failed_attempts").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type TwoFactorSecret = typeof twoFactorSecrets.$inferSelect;

/**
 * The account's recovery codes (10, 80 bits each), stored only as bcrypt hashes: NIST SP 800-63B rev. 4 asks a
 * look-up secret of under 112 bits to be salted and hashed with a password hashing scheme. Each works once
 * (`used_at`); regenerating deletes the set.
 */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (table) => [index("recovery_codes_user_id_idx").on(table.userId)],
);

/**
 * A sign-in waiting for its second factor: the password was right, no session exists yet. The browser holds a
 * random token in an httpOnly cookie; the row is keyed by its SHA-256, so the table alone lets no one finish a
 * sign-in. Single use (deleted when finished), at most TWO_FACTOR_ATTEMPTS wrong codes, gone after five minutes,
 * and dead if the account's session version moved on (password reset, signed out everywhere) in between.
 */
export const pendingSignIns = pgTable(
  "pending_sign_ins",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    sessionVersion: integer("session_version").notNull(),
    // How the person has proven it so far, as RFC 8176 names them: ["pwd"] after the password. A signed-in
    // person's own re-sign-in (a password change) carries its session's methods, and needs no code again.
    methods: text("methods").array().$type<AuthMethod[]>().notNull(),
    // True for a sign-in that needs a code; false for a signed-in person's own re-sign-in (after a password
    // change), which the server hands over without one. Each is finished only by its own kind of credential.
    awaitingCode: boolean("awaiting_code").notNull(),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (table) => [
    index("pending_sign_ins_user_id_idx").on(table.userId),
    index("pending_sign_ins_expires_at_idx").on(table.expiresAt),
  ],
);

/**
 * An account's passkeys (WebAuthn credentials). The public key is stored as the authenticator gave it (COSE, in
 * base64url); nothing here is secret. `counter` is the signature counter: synced passkeys report 0 for ever, and
 * a counter that goes backwards is refused (a cloned authenticator). `name` is the person's, editable.
 */
export const passkeys = pgTable(
  "passkeys",
  {
    // The credential id (base64url), as the browser names the credential in every ceremony.
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    publicKey: text("public_key").notNull(),
    counter: bigint("counter", { mode: "number" }).notNull(),
    transports: text("transports").array().notNull(),
    // "singleDevice" or "multiDevice" (backup eligible), and whether it is backed up now.
    deviceType: text("device_type").notNull(),
    backedUp: boolean("backed_up").notNull(),
    aaguid: text("aaguid").notNull(),
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (table) => [index("passkeys_user_id_idx").on(table.userId)],
);

export type Passkey = typeof passkeys.$inferSelect;

/**
 * A WebAuthn challenge the server handed out: spent by the response that signs it (deleted, so it works once),
 * for its own ceremony only, within five minutes. A registration's is the signed-in person's, handed out only
 * after re-authentication; a re-authentication's (an account without a password proving itself with a passkey)
 * is the person's too.
 */
export const webauthnChallenges = pgTable(
  "webauthn_challenges",
  {
    challenge: text("challenge").primaryKey(),
    ceremony: text("ceremony").$type<"registration" | "authentication" | "reauthentication">().notNull(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("webauthn_challenges_expires_at_idx").on(table.expiresAt)],
);

/**
 * The keys that sign access tokens for other services (src/features/access-tokens). The public half is published
 * at /.well-known/jwks.json from `created_at`; the key signs from `signs_from` — later, so verifiers' caches have
 * seen it first — until a newer generation's `signs_from` comes, and stays published until the last token it
 * signed has expired. `generation` orders the keys, and two instances rotating at once cannot both add the next
 * one (it is unique). The private half is sealed (src/lib/server/secret-box.ts); `revoked_at` unpublishes a leaked key.
 */
export const signingKeys = pgTable(
  "signing_keys",
  {
    kid: text("kid").primaryKey(),
    generation: integer("generation").notNull().unique(),
    publicJwk: jsonb("public_jwk").$type<PublicSigningJwk>().notNull(),
    sealedPrivateJwk: text("sealed_private_jwk").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    signsFrom: timestamp("signs_from", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [check("signing_keys_published_before_signing", sql`${table.signsFrom} >= ${table.createdAt}`)],
);

/** A P-256 public key as JWKS publishes it (RFC 7517/7518). */
export interface PublicSigningJwk {
  kty: "EC";
  crv: "P-256";
  x: string;
  y: string;
}

export type SigningKey = typeof signingKeys.$inferSelect;
