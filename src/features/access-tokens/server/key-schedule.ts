// When each signing key is published, signs, and leaves the JWKS. Pure rules over the rows of `signing_keys` and
// a time, so every instance — reading the same rows — agrees on which key signs, with no lock and no leader:
//
//   created_at ──(publish delay)──▶ signs_from ──(until the next key's signs_from)──▶ retired
//        │                                                                              │
//        └──────────────────── in the JWKS ──────────────────────────── until retired + token lifetime + skew
//
// A new key is published PUBLISH_DELAY_SECONDS before it signs: longer than the JWKS's HTTP max-age plus an
// instance's cache of the rows, so a verifier that caches the JWKS for as long as it is told has seen the key
// before any token names it. Tests pass `now`; nothing here reads a clock.
import "server-only";

import type { SigningKey } from "@/db/schema";

const MINUTE = 60;
const DAY = 24 * 60 * MINUTE;

export const KEY_SCHEDULE = {
  /** `Cache-Control: max-age` of /.well-known/jwks.json. */
  jwksMaxAgeSeconds: 5 * MINUTE,
  /** How long an instance keeps the rows before reading them again (0 queries in between). */
  instanceCacheSeconds: MINUTE,
  /** Published this long before signing: max-age + instance cache, twice over. */
  publishDelaySeconds: 15 * MINUTE,
  /** A key signs for this long before the next one takes over, even if nobody runs `npm run keys:rotate`. */
  rotationSeconds: 30 * DAY,
  /** Instances' clocks may differ by this much: a retired key stays published that much longer. */
  clockSkewSeconds: MINUTE,
} as const;

/** What the schedule reads of a key. */
export type ScheduledKey = Pick<SigningKey, "kid" | "generation" | "createdAt" | "signsFrom" | "revokedAt">;

const seconds = (date: Date) => date.getTime() / 1000;
const isRevoked = (key: ScheduledKey, now: Date) => key.revokedAt !== null && key.revokedAt <= now;

/** Keys that are not revoked, oldest generation first. */
function liveKeys<K extends ScheduledKey>(keys: readonly K[], now: Date): K[] {
  return keys.filter((key) => !isRevoked(key, now)).sort((a, b) => a.generation - b.generation);
}

/** The key that signs at `now`: the newest live one whose `signs_from` has come. */
export function signerAt<K extends ScheduledKey>(keys: readonly K[], now: Date): K | undefined {
  return liveKeys(keys, now)
    .filter((key) => key.signsFrom <= now)
    .at(-1);
}

/** When `key` stopped signing — a newer live key took over — or undefined while it signs (or has yet to). */
export function retiredAt(key: ScheduledKey, keys: readonly ScheduledKey[], now: Date): Date | undefined {
  const successors = liveKeys(keys, now).filter((other) => other.generation > key.generation && other.signsFrom <= now);
  return successors[0]?.signsFrom;
}

/**
 * The keys the JWKS publishes at `now`: every live key, from its creation (before it signs) until the last token
 * it can have signed — issued at most at its retirement, valid `tokenTtlSeconds` — has expired.
 */
export function publishedAt<K extends ScheduledKey>(keys: readonly K[], now: Date, tokenTtlSeconds: number): K[] {
  return liveKeys(keys, now).filter((key) => {
    if (key.createdAt > now) return false;
    const retired = retiredAt(key, keys, now);
    return retired === undefined || seconds(now) < seconds(retired) + tokenTtlSeconds + KEY_SCHEDULE.clockSkewSeconds;
  });
}

/**
 * The key the schedule wants added at `now`, or null. No key that can sign: one that signs at once (a first start,
 * or every key revoked — nothing verifies against an empty set anyway). The newest key due to be replaced: one
 * published now that takes over after the publish delay, so it signs `rotationSeconds` after the last one was made.
 */
export function dueKey(keys: readonly ScheduledKey[], now: Date): { signsFrom: Date } | null {
  const live = liveKeys(keys, now);
  const newest = live.at(-1);
  if (!newest || !signerAt(live, now)) return { signsFrom: now };
  const dueAt = seconds(newest.createdAt) + KEY_SCHEDULE.rotationSeconds - KEY_SCHEDULE.publishDelaySeconds;
  if (seconds(now) < dueAt) return null;
  return { signsFrom: new Date(now.getTime() + KEY_SCHEDULE.publishDelaySeconds * 1000) };
}

/** The generation a new key takes: after every key ever made, revoked ones too (the column is unique). */
export function nextGeneration(keys: readonly ScheduledKey[]): number {
  return Math.max(0, ...keys.map((key) => key.generation)) + 1;
}
