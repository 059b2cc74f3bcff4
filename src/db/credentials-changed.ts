// The one "credentials changed" event. A password reset, a password change, *Sign out of all devices* (the
// person's own, or an admin's for them) and turning two-factor on each run it inside the transaction of what they
// change, so no remedy can forget a part of it:
//
// - the sessions end: every device session is revoked (all of them, or all but the one that acted), and for "all"
//   the session version goes up, so a token of any age is refused at its next check and by any write at once;
// - everything pending is voided: the rows VOIDED_ON_CREDENTIALS_CHANGE names. Someone who once held the password
//   or a session cookie may have asked for any of them, and must keep nothing once the owner acts.
//
// A table that holds something of an account's is declared below, voided or kept with the reason:
// credentials-changed.test.ts fails for a table that references `users` and is in neither list.
import "server-only";

import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

import { revokeDeviceSessions } from "./device-sessions";
import type { Executor } from "./index";
import {
  mailLinks,
  passkeys,
  pendingSignIns,
  recoveryCodes,
  twoFactorSecrets,
  users,
  webauthnChallenges,
} from "./schema";

export interface PendingKind {
  table: PgTable;
  /** The account's rows of this kind that are pending (and so voided). */
  of: (userId: string) => SQL | undefined;
  why: string;
}

/** What a credentials change deletes: whatever was asked for before it and has not happened yet. */
export const VOIDED_ON_CREDENTIALS_CHANGE = {
  mailLinks: {
    table: mailLinks,
    of: (userId) => eq(mailLinks.userId, userId),
    why: "reset, verification, email-change and cancel links: one asked before the remedy may be the intruder's",
  },
  twoFactorSetups: {
    table: twoFactorSecrets,
    of: (userId) => and(eq(twoFactorSecrets.userId, userId), isNull(twoFactorSecrets.enabledAt)),
    why: "a setup started and not confirmed: its key may be on the intruder's screen",
  },
  pendingSignIns: {
    table: pendingSignIns,
    of: (userId) => eq(pendingSignIns.userId, userId),
    why: "a password step waiting for its code, or a server-made handover",
  },
  webauthnChallenges: {
    table: webauthnChallenges,
    of: (userId) => eq(webauthnChallenges.userId, userId),
    why: "a passkey being added, or a re-authentication with a passkey, under way",
  },
} as const satisfies Record<string, PendingKind>;

/** The account's tables a credentials change leaves as they are (by their SQL name), and why. */
export const KEPT_ON_CREDENTIALS_CHANGE: Readonly<Record<string, string>> = {
  users: "the account itself: its session version moves",
  device_sessions: "revoked (not deleted): the Devices list and Recent activity still show them",
  auth_events: "the record of what happened, the remedy included",
  passkeys: "the owner's own: each still signs in, and the mail after a reset or a password change lists them",
  two_factor_secrets: "two-factor that is on stays on (a reset leaves it on): only a setup not confirmed is voided",
  recovery_codes: "they belong to two-factor, which a reset leaves on",
};

export type SessionsToEnd = "all" | { keep: string };

/**
 * The event, in `tx` (the transaction of the change itself). `sessions`: "all" (a reset, a password change, sign
 * out everywhere), or every session but `keep` (turning two-factor on, from the session that did it). Returns the
 * account's session version after it, or undefined when the account is gone.
 */
export async function credentialsChanged(
  tx: Executor,
  userId: string,
  now: Date,
  sessions: SessionsToEnd,
): Promise<{ sessionVersion: number } | undefined> {
  const [account] =
    sessions === "all"
      ? await tx
          .update(users)
          .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
          .where(eq(users.id, userId))
          .returning({ sessionVersion: users.sessionVersion })
      : await tx.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, userId));
  if (!account) return undefined;
  await revokeDeviceSessions(userId, now, { keep: sessions === "all" ? undefined : sessions.keep, executor: tx });
  for (const kind of Object.values(VOIDED_ON_CREDENTIALS_CHANGE)) await tx.delete(kind.table).where(kind.of(userId));
  return account;
}

/**
 * What an account set up while its address was unproven, removed when a password reset first proves it: the
 * address's owner never chose any of it. (Its sessions and pending changes go with the reset's credentialsChanged.)
 */
export const SET_UP_BEFORE_VERIFICATION = {
  passkeys: { table: passkeys, of: (userId) => eq(passkeys.userId, userId), why: "could sign in on their own" },
  twoFactor: {
    table: twoFactorSecrets,
    of: (userId) => eq(twoFactorSecrets.userId, userId),
    why: "would ask the owner for a stranger's codes",
  },
  recoveryCodes: {
    table: recoveryCodes,
    of: (userId) => eq(recoveryCodes.userId, userId),
    why: "would pass a stranger's second factor",
  },
} as const satisfies Record<string, PendingKind>;

/** Removes, in `tx`, everything SET_UP_BEFORE_VERIFICATION names. */
export async function forgetUnverifiedSetUp(tx: Executor, userId: string): Promise<void> {
  for (const kind of Object.values(SET_UP_BEFORE_VERIFICATION)) await tx.delete(kind.table).where(kind.of(userId));
}
