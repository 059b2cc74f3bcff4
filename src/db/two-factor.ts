// The queries behind two-factor sign-in: the sealed authenticator secret with its last used time step, the
// recovery codes' hashes, and the sign-ins waiting for a code. Every write that decides something is one
// conditional statement, so two requests racing with the same code cannot both win.
//
// Times are passed in (`now`), never the database's clock: tests move the clock instead of sleeping.
import "server-only";

import { and, count, eq, gt, isNotNull, isNull, lt, or, sql } from "drizzle-orm";

import type { AuthMethod } from "@/config/auth-methods";

import { credentialsChanged } from "./credentials-changed";
import { getDb, type Executor, type Transaction } from "./index";
import { pendingSignIns, recoveryCodes, twoFactorSecrets, users, type TwoFactorSecret, type User } from "./schema";
import { sweep } from "./sweep";

/** The account's secret row: on (`enabledAt` set), being set up, or undefined when two-factor was never started. */
export async function getTwoFactorSecret(userId: string): Promise<TwoFactorSecret | undefined> {
  const db = await getDb();
  const [row] = await db.select().from(twoFactorSecrets).where(eq(twoFactorSecrets.userId, userId));
  return row;
}

/** What /settings shows of an account's security, read in one statement (see securityOverview). */
export interface SecurityOverview {
  /** False for an account without a password (it proves itself with a passkey). */
  hasPassword: boolean;
  emailVerified: boolean;
  /** The two-factor secret row: on, being set up, or undefined when two-factor was never started. */
  secret: TwoFactorSecret | undefined;
  recoveryCodesLeft: number;
}

/** The account's security as the settings page shows it: one statement, undefined when the account is gone. */
export async function securityOverview(userId: string): Promise<SecurityOverview | undefined> {
  const db = await getDb();
  const left = db
    .select({ left: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  const [row] = await db
    .select({
      hasPassword: sql<boolean>`${users.passwordHash} <> ''`,
      emailVerified: sql<boolean>`${users.emailVerifiedAt} is not null`,
      secret: twoFactorSecrets,
      left: sql<number>`(${left})`.mapWith(Number),
    })
    .from(users)
    .leftJoin(twoFactorSecrets, eq(twoFactorSecrets.userId, users.id))
    .where(eq(users.id, userId));
  return (
    row && {
      hasPassword: row.hasPassword === true,
      emailVerified: row.emailVerified === true,
      secret: row.secret ?? undefined,
      recoveryCodesLeft: row.left,
    }
  );
}

/**
 * Starts (or restarts) a setup with a new sealed secret. Never replaces a secret that is on: false then. One
 * statement.
 */
export async function startTwoFactorSetup(userId: string, sealedSecret: string, now: Date): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .insert(twoFactorSecrets)
    .values({ userId, sealedSecret, createdAt: now })
    .onConflictDoUpdate({
      target: twoFactorSecrets.userId,
      set: { sealedSecret, createdAt: now, lastUsedStep: null, failedAttempts: 0 },
      setWhere: isNull(twoFactorSecrets.enabledAt),
    })
    .returning({ userId: twoFactorSecrets.userId });
  return rows.length === 1;
}

/** Abandons a setup that was never confirmed; one that is on stays. */
export async function cancelTwoFactorSetup(userId: string): Promise<void> {
  const db = await getDb();
  await db.delete(twoFactorSecrets).where(and(eq(twoFactorSecrets.userId, userId), isNull(twoFactorSecrets.enabledAt)));
}

/**
 * Charges one attempt to the account's setup — before its code is checked, so concurrent guesses cannot pass the
 * limit — and returns the setup. Undefined when there is none: never started, confirmed already, started before
 * `startedAfter` (expired), or out of its `maxAttempts`. One statement.
 */
export async function chargeTwoFactorSetup(
  userId: string,
  { maxAttempts, startedAfter }: { maxAttempts: number; startedAfter: Date },
): Promise<TwoFactorSecret | undefined> {
  const db = await getDb();
  const [row] = await db
    .update(twoFactorSecrets)
    .set({ failedAttempts: sql`${twoFactorSecrets.failedAttempts} + 1` })
    .where(
      and(
        eq(twoFactorSecrets.userId, userId),
        isNull(twoFactorSecrets.enabledAt),
        gt(twoFactorSecrets.createdAt, startedAfter),
        lt(twoFactorSecrets.failedAttempts, maxAttempts),
      ),
    )
    .returning();
  return row;
}

/** Refuses `step` unless it is later than the last one used: the condition that makes a code work once. */
const laterThanLastUsed = (step: number) =>
  or(isNull(twoFactorSecrets.lastUsedStep), lt(twoFactorSecrets.lastUsedStep, step));

/**
 * Switches two-factor on with the step of the code that confirmed it, and stores the recovery codes' hashes in
 * place of any earlier set — with the credentials-changed event, every session but `keepSession` (the one that
 * turned it on; none kept when it is not given) ending: a session made with the password alone must not outlive the second factor. False (nothing
 * written) when the setup was replaced or confirmed meanwhile, or the step was used already.
 */
export async function enableTwoFactor(
  userId: string,
  {
    sealedSecret,
    step,
    codeHashes,
    keepSession,
  }: { sealedSecret: string; step: number; codeHashes: string[]; keepSession?: string },
  now: Date,
): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const enabled = await tx
      .update(twoFactorSecrets)
      .set({ enabledAt: now, lastUsedStep: step })
      .where(
        and(
          eq(twoFactorSecrets.userId, userId),
          eq(twoFactorSecrets.sealedSecret, sealedSecret), // the very secret whose code was checked
          isNull(twoFactorSecrets.enabledAt),
          laterThanLastUsed(step),
        ),
      )
      .returning({ userId: twoFactorSecrets.userId });
    if (enabled.length === 0) return false;
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
    // Without a session to keep (a script enabling it for an account), every session ends.
    await credentialsChanged(tx, userId, now, keepSession ? { keep: keepSession } : "all");
    return true;
  });
}

/** Records `step` as used, if it is later than the last used one and two-factor is on. One statement. */
export async function recordTotpStep(userId: string, step: number, executor?: Executor): Promise<boolean> {
  const db = executor ?? (await getDb());
  const rows = await db
    .update(twoFactorSecrets)
    .set({ lastUsedStep: step })
    .where(and(eq(twoFactorSecrets.userId, userId), isNotNull(twoFactorSecrets.enabledAt), laterThanLastUsed(step)))
    .returning({ userId: twoFactorSecrets.userId });
  return rows.length === 1;
}

/** Two-factor off: the secret and every recovery code go. */
export async function disableTwoFactor(userId: string): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.delete(twoFactorSecrets).where(eq(twoFactorSecrets.userId, userId));
  });
}

/** A new set of recovery codes; the old set, used or not, stops working in the same transaction. */
export async function replaceRecoveryCodes(userId: string, codeHashes: string[]): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
  });
}

/** The hashes of the account's unused recovery codes. */
export async function unusedRecoveryCodes(userId: string): Promise<Array<{ id: string; codeHash: string }>> {
  const db = await getDb();
  return db
    .select({ id: recoveryCodes.id, codeHash: recoveryCodes.codeHash })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
}

/**
 * Marks one recovery code used — unless a racing request used it first — and says how many are left then, or
 * null when it lost the race. One statement.
 */
export async function spendRecoveryCode(
  userId: string,
  id: string,
  now: Date,
  executor?: Executor,
): Promise<number | null> {
  const db = executor ?? (await getDb());
  const used = db.$with("used").as(
    db
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(and(eq(recoveryCodes.id, id), eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
      .returning({ id: recoveryCodes.id }),
  );
  // The data-modifying CTE and the count see the same snapshot: the code just used still counts as unused.
  const [row] = await db
    .with(used)
    .select({
      used: sql<number>`(select count(*) from ${used})`.mapWith(Number),
      unused:
        sql<number>`(select count(*) from ${recoveryCodes} where ${recoveryCodes.userId} = ${userId} and ${recoveryCodes.usedAt} is null)`.mapWith(
          Number,
        ),
    })
    .from(sql`(select 1) as one`);
  if (!row || row.used !== 1) return null;
  return row.unused - 1;
}

// ---- Sign-ins waiting for their second factor ----

/** Records a sign-in waiting for a code, and deletes expired ones of anyone on the way (indexed, bounded). */
export async function createPendingSignIn(
  pending: {
    tokenHash: string;
    userId: string;
    sessionVersion: number;
    methods: AuthMethod[];
    awaitingCode: boolean;
    expiresAt: Date;
  },
  now: Date,
): Promise<void> {
  const db = await getDb();
  await sweep(db, pendingSignIns, pendingSignIns.tokenHash, lt(pendingSignIns.expiresAt, now));
  await db.insert(pendingSignIns).values(pending);
}

export interface PendingAttempt {
  user: User;
  methods: AuthMethod[];
  /** Wrong codes before this one. */
  failedAttempts: number;
}

/**
 * Charges one attempt to a live pending sign-in — before its code is checked, so concurrent guesses cannot pass
 * the limit — and returns its person. Undefined when there is no such sign-in, it expired, used up its
 * `maxAttempts`, or the account's session version moved on (or the account is gone). One statement.
 */
export async function chargePendingSignIn(
  { tokenHash, awaitingCode }: { tokenHash: string; awaitingCode: boolean },
  maxAttempts: number,
  now: Date,
): Promise<PendingAttempt | undefined> {
  const db = await getDb();
  const [row] = await db
    .update(pendingSignIns)
    .set({ failedAttempts: sql`${pendingSignIns.failedAttempts} + 1` })
    .from(users)
    .where(
      and(
        eq(pendingSignIns.tokenHash, tokenHash),
        eq(pendingSignIns.awaitingCode, awaitingCode),
        eq(users.id, pendingSignIns.userId),
        eq(users.sessionVersion, pendingSignIns.sessionVersion),
        gt(pendingSignIns.expiresAt, now),
        lt(pendingSignIns.failedAttempts, maxAttempts),
      ),
    )
    .returning({ user: users, methods: pendingSignIns.methods, charged: pendingSignIns.failedAttempts });
  return row && { user: row.user, methods: row.methods, failedAttempts: row.charged - 1 };
}

/**
 * Finishes a pending sign-in: deleted, so it can finish only once — false when a racing request finished it
 * first. One statement.
 */
export async function finishPendingSignIn(tokenHash: string): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .delete(pendingSignIns)
    .where(eq(pendingSignIns.tokenHash, tokenHash))
    .returning({ tokenHash: pendingSignIns.tokenHash });
  return rows.length === 1;
}

/**
 * Finishes a pending sign-in and spends the code that finishes it, in one transaction: `spend` answers what it
 * spent, or null when the code was used meanwhile (then the sign-in stays pending). "ended" when a racing request
 * finished (or ended) the sign-in first — and then nothing is spent. So a code is never used up for a sign-in that
 * does not happen.
 */
export async function finishPendingSignInWith<Spent>(
  tokenHash: string,
  spend: (tx: Transaction) => Promise<Spent | null>,
): Promise<{ finished: true; spent: Spent } | { finished: false; reason: "ended" | "code-used" }> {
  const db = await getDb();
  class CodeUsed extends Error {}
  try {
    return await db.transaction(async (tx) => {
      const finished = await tx
        .delete(pendingSignIns)
        .where(eq(pendingSignIns.tokenHash, tokenHash))
        .returning({ tokenHash: pendingSignIns.tokenHash });
      if (finished.length === 0) return { finished: false, reason: "ended" } as const;
      const spent = await spend(tx);
      if (spent === null) throw new CodeUsed(); // rolls the delete back
      return { finished: true, spent } as const;
    });
  } catch (error) {
    if (error instanceof CodeUsed) return { finished: false, reason: "code-used" };
    throw error;
  }
}

/** Ends a pending sign-in at once (its last attempt was used). */
export async function endPendingSignIn(tokenHash: string): Promise<void> {
  const db = await getDb();
  await db.delete(pendingSignIns).where(eq(pendingSignIns.tokenHash, tokenHash));
}
