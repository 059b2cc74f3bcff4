// bcrypt through bcryptjs (pure JS: no native build, runs wherever Node runs). The cost is one constant from the
// environment — 12 by default, lowered only by tests, never below 10 (env.ts refuses less).
import "server-only";
import bcrypt from "bcryptjs";
import { env } from "@/lib/env";

export const BCRYPT_COST = env.BCRYPT_COST;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummy: Promise<string> | undefined;

/** A hash of the configured cost that matches no real password: compared against when the email is unknown. */
export function dummyHash(): Promise<string> {
  dummy ??= bcrypt.hash(crypto.randomUUID(), BCRYPT_COST);
  return dummy;
}
