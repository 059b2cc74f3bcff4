// The schedule's rules, on rows made up here: who signs, who is published, when a key is due. Times are whole
// seconds after an arbitrary start, so each expectation reads as the timeline it checks.
import { describe, expect, it } from "vitest";

import {
  dueKey,
  KEY_SCHEDULE,
  nextGeneration,
  publishedAt,
  retiredAt,
  signerAt,
  type ScheduledKey,
} from "./key-schedule";

const START = Date.UTC(2026, 0, 1);
const at = (second: number) => new Date(START + second * 1000);
const TTL = 300;
const { publishDelaySeconds: DELAY, rotationSeconds: ROTATION, clockSkewSeconds: SKEW } = KEY_SCHEDULE;

function key(generation: number, created: number, signs = created, revoked?: number): ScheduledKey {
  return {
    kid: `k${generation}`,
    generation,
    createdAt: at(created),
    signsFrom: at(signs),
    revokedAt: revoked === undefined ? null : at(revoked),
  };
}
const kids = (keys: readonly ScheduledKey[]) => keys.map((k) => k.kid);

describe("the signing key schedule", () => {
  it("publishes a JWKS for less time than a key waits before signing, with an instance's cache on top", () => {
    expect(KEY_SCHEDULE.jwksMaxAgeSeconds + KEY_SCHEDULE.instanceCacheSeconds).toBeLessThan(DELAY);
  });

  it("starts with one key that signs at once", () => {
    expect(dueKey([], at(0))).toEqual({ signsFrom: at(0) });
    expect(signerAt([key(1, 0)], at(0))?.kid).toBe("k1");
  });

  it("asks for the next key a publish delay before the current one has signed for the rotation period", () => {
    const keys = [key(1, 0)];
    expect(dueKey(keys, at(ROTATION - DELAY - 1))).toBeNull();
    expect(dueKey(keys, at(ROTATION - DELAY))).toEqual({ signsFrom: at(ROTATION) });
    // Once the next one is published, nothing more is due.
    expect(dueKey([...keys, key(2, ROTATION - DELAY, ROTATION)], at(ROTATION - DELAY + 1))).toBeNull();
  });

  it("publishes a new key before it signs, and hands over signing when its time comes", () => {
    const keys = [key(1, 0), key(2, 1_000, 1_000 + DELAY)];
    expect(kids(publishedAt(keys, at(1_000), TTL))).toEqual(["k1", "k2"]);
    expect(signerAt(keys, at(1_000 + DELAY - 1))?.kid).toBe("k1");
    expect(signerAt(keys, at(1_000 + DELAY))?.kid).toBe("k2");
    expect(retiredAt(keys[0]!, keys, at(1_000 + DELAY))).toEqual(at(1_000 + DELAY));
  });

  it("keeps a retired key published until the last token it signed has expired (plus clock skew)", () => {
    const handover = 1_000 + DELAY;
    const keys = [key(1, 0), key(2, 1_000, handover)];
    expect(kids(publishedAt(keys, at(handover + TTL + SKEW - 1), TTL))).toEqual(["k1", "k2"]);
    expect(kids(publishedAt(keys, at(handover + TTL + SKEW), TTL))).toEqual(["k2"]);
  });

  it("unpublishes a revoked key at once, and never lets it sign", () => {
    const keys = [key(1, 0), key(2, 1_000, 1_000 + DELAY, 2_000)];
    expect(kids(publishedAt(keys, at(1_999), TTL))).toEqual(["k1", "k2"]);
    expect(kids(publishedAt(keys, at(2_000), TTL))).toEqual(["k1"]);
    expect(signerAt(keys, at(1_999))?.kid).toBe("k2");
    expect(signerAt(keys, at(2_000))?.kid).toBe("k1");
  });

  it("with every key revoked, asks for one that signs at once", () => {
    expect(dueKey([key(1, 0, 0, 10)], at(10))).toEqual({ signsFrom: at(10) });
  });

  it("numbers a new key after every key ever made, revoked ones too", () => {
    expect(nextGeneration([])).toBe(1);
    expect(nextGeneration([key(1, 0), key(4, 5, 5, 6)])).toBe(5);
  });

  it("is the same answer whatever order the rows come in (every instance agrees)", () => {
    const keys = [key(1, 0), key(2, 1_000, 1_000 + DELAY), key(3, 5_000, 5_000 + DELAY)];
    const shuffled = [keys[2]!, keys[0]!, keys[1]!];
    for (const second of [0, 1_000, 1_000 + DELAY, 5_000 + DELAY, 5_000 + DELAY + TTL + SKEW]) {
      expect(signerAt(shuffled, at(second))?.kid).toBe(signerAt(keys, at(second))?.kid);
      expect(kids(publishedAt(shuffled, at(second), TTL))).toEqual(kids(publishedAt(keys, at(second), TTL)));
    }
  });
});
