// The single source of the table shapes and their TypeScript types. Names are snake_case in SQL and
// camelCase in TypeScript; constraints sit beside the columns they guard.
import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

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
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (table) => [
    uniqueIndex("users_email_unique").on(table.email),
    check("users_email_normalised", sql`${table.email} = lower(trim(${table.email}))`),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

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
