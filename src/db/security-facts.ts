// What an account has to protect it, each fact a subquery correlated on the account's id and answered by an index
// of its table (device_sessions_user_id_idx, the two-factor primary key, passkeys_user_id_idx,
// recovery_codes_user_id_idx). The admin console shows them per row (./admin-users.ts); the owner's dashboard
// shows them as a checkup (src/features/security-checkup). One definition, so both say the same thing.
import "server-only";

import { and, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";

import { getDb } from "./index";
import { deviceSessions, passkeys, recoveryCodes, twoFactorSecrets, users } from "./schema";

/** The columns, as a select list: `users` must be in the FROM of the statement they join. */
export function securityFactColumns(signedInSince: Date) {
  return {
    /** Live device sessions: not revoked, begun after `signedInSince`. */
    activeSessions: sql<number>`(
      select count(*)::int from ${deviceSessions}
      where ${and(
        eq(deviceSessions.userId, users.id),
        isNull(deviceSessions.revokedAt),
        gt(deviceSessions.createdAt, signedInSince),
      )})`.mapWith(Number),
    twoFactorOn: sql<boolean>`exists (
      select 1 from ${twoFactorSecrets}
      where ${and(eq(twoFactorSecrets.userId, users.id), isNotNull(twoFactorSecrets.enabledAt))})`.mapWith(Boolean),
    passkeys: sql<number>`(select count(*)::int from ${passkeys} where ${eq(passkeys.userId, users.id)})`.mapWith(
      Number,
    ),
  };
}

/**
 * One account's facts (emailVerified, twoFactorOn, recoveryCodesLeft — unused ones, 0 when two-factor is off —,
 * passkeys, activeSessions): one statement; undefined when there is no such account.
 */
export async function getSecurityFacts(userId: string, signedInSince: Date) {
  const db = await getDb();
  const [row] = await db
    .select({
      ...securityFactColumns(signedInSince),
      emailVerified: sql<boolean>`${users.emailVerifiedAt} is not null`.mapWith(Boolean),
      recoveryCodesLeft: sql<number>`(
        select count(*)::int from ${recoveryCodes}
        where ${and(eq(recoveryCodes.userId, users.id), isNull(recoveryCodes.usedAt))})`.mapWith(Number),
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row;
}
