// The password check itself, apart from Auth.js: look the person up, and compare with bcrypt — against a dummy
// hash of the same cost when the email is unknown, so that an unknown email costs the same work as a wrong
// password and timing does not tell them apart (`npm run bench -- signin` measures it). And the guard every
// password check goes through, at sign-in as in settings: the hashing queue's room, then the throttle, then bcrypt.
import "server-only";

import { getSignInAccount } from "@/db/queries";
import type { User } from "@/db/schema";
import { BUSY } from "@/lib/shared/form";

import { HashPoolBusyError, hashPoolRefusal, type Lane } from "./hash-pool";
import { dummyHash, verifyPassword } from "./password-hash";
import { admitSignIn, throttleMessage, type SignInAttempt } from "./throttle";

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

/** An attempt that was never compared: the hashing queue was full, or the throttle refused it. */
export type UncomparedCheck = Exclude<GuardedCheck<unknown>, { kind: "checked" }>;

/** What a signed-in form says of an attempt that was never compared. */
export function uncomparedMessage(outcome: UncomparedCheck): string {
  return outcome.kind === "busy" ? BUSY : throttleMessage(outcome.waitSeconds);
}

/**
 * How a right answer settles its charge: "succeeded" when it finishes the sign-in (consecutive failures start
 * again from 0), "refunded" when it is right but not the end — a password that a second factor must follow: this
 * attempt is not counted, and the failures before it (wrong codes included) stay until the code is right.
 */
export type RightAnswer = "succeeded" | "refunded";

/**
 * Runs `check` — the bcrypt work, answering null for a wrong password — only for an attempt the throttle admits,
 * cheapest refusal first: the hashing queue's room (memory, no database), then the throttle's counters, which
 * charge the attempt before the compare. The charge is settled by the outcome: cleared for a right password
 * (or taken back, when `settle` says the sign-in is not finished yet), kept for a wrong one, taken back when
 * nothing was compared.
 */
export async function guardedPasswordCheck<T>(
  attempt: SignInAttempt,
  lane: Lane,
  check: () => Promise<T | null>,
  settle: (result: T) => RightAnswer = () => "succeeded",
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
  if (result !== null)
    await (settle(result) === "succeeded" ? admission.charge.succeeded() : admission.charge.refund());
  return { kind: "checked", result };
}
