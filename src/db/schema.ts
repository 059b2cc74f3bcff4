// The single source of the table shapes and their TypeScript types. Names are snake_case in SQL and
// camelCase in TypeScript; constraints sit beside the columns they guard.
import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

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
