// The password check itself, apart from Auth.js: look the person up, and compare with bcrypt — against a dummy
// hash of the same cost when the email is unknown, so that an unknown email costs the same work as a wrong
// password and timing does not tell them apart (`npm run bench -- signin` measures it). And the guard every
// password check goes through, at sign-in as in settings: the hashing queue's room, then the throttle, then bcrypt.
import "server-only";

import { getSignInAccount } from "@/db/queries";
import type { User } from "@/db/schema";

import { HashPoolBusyError, hashPoolRefusal, type Lane } from "./hash-pool";
import { dummyHash, verifyPassword } from "./password-hash";
import { admitSignIn, type SignInAttempt } from "./throttle";

/** The user (and whether two-factor is on) when the password is theirs; null otherwise, whichever part was wrong. */
export async function userWithPassword(
  email: string,
  password: string,
): Promise<(User & { twoFactorOn: boolean }) | null> {
  const user = await getSignInAccount(email);
  const matches = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  return user && matches ? user : null;
}

export type GuardedCheck<T> =
  | { kind: "checked"; result: T | null } // null: the password was wrong
  | { kind: "throttled"; waitSeconds: number }
  | { kind: "busy" }; // the hashing queue is full: nothing was compared, nothing counted

/**
 * Runs `check` — the bcrypt work, answering null for a wrong password — only for an attempt the throttle admits,
 * cheapest refusal first: the hashing queue's room (memory, no database), then the throttle's counters, which
 * charge the attempt before the compare. The charge is settled by the outcome: cleared for a right password,
 * kept for a wrong one, taken back when nothing was compared.
 */
export async function guardedPasswordCheck<T>(
  attempt: SignInAttempt,
  lane: Lane,
  check: () => Promise<T | null>,
): Promise<GuardedCheck<T>> {
  if (hashPoolRefusal(lane)) return { kind: "busy" };
  const admission = await admitSignIn(attempt);
  if (!admission.admitted) return { kind: "throttled", waitSeconds: admission.waitSeconds };
  let result: T | null;
  try {
    result = await check();
  } catch (error) {
    await admission.charge.refund(); // never compared: not a failure of the person's
    if (error instanceof HashPoolBusyError) return { kind: "busy" };
    throw error;
  }
  if (result !== null) await admission.charge.succeeded();
  return { kind: "checked", result };
}
