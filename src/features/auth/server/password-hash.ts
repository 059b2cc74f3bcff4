// bcrypt through bcryptjs (pure JS: no native build, runs wherever Node runs), on worker threads so hashing never
// stalls other requests (./hash-pool.ts). The cost is one constant from the environment — 12 by default, lowered
// only by tests, never below 10 (env.ts refuses less).
import "server-only";

import { env } from "@/lib/server/env";

import { bcryptCompare, bcryptHash, type Lane } from "./hash-pool";

export const BCRYPT_COST = env.BCRYPT_COST;

export function hashPassword(password: string, lane?: Lane): Promise<string> {
  return bcryptHash(password, BCRYPT_COST, lane);
}

export function verifyPassword(password: string, hash: string, lane?: Lane): Promise<boolean> {
  return bcryptCompare(password, hash, lane);
}

let dummy: Promise<string> | undefined;

/** A hash of the configured cost that matches no real password: compared against when the email is unknown. */
export function dummyHash(): Promise<string> {
  dummy ??= bcryptHash(crypto.randomUUID(), BCRYPT_COST).catch((error: unknown) => {
    dummy = undefined; // a busy pool now must not leave every later unknown-email sign-in failing
    throw error;
  });
  return dummy;
}
