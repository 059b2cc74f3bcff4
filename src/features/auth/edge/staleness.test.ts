import { describe, expect, it } from "vitest";

import { edgeEnv } from "@/lib/edge/edge-env";

import { CLOCK_SKEW_SECONDS, isStale } from "./staleness";

const now = 1_800_000_000;
const bound = edgeEnv.AUTH_REVALIDATE_SECONDS;

describe("isStale", () => {
  it("trusts a token checked within the bound, and not one checked at it or before", () => {
    expect(isStale(now, now)).toBe(false);
    expect(isStale(now - bound + 1, now)).toBe(false);
    expect(isStale(now - bound, now)).toBe(true);
    expect(isStale(now - 10 * bound, now)).toBe(true);
  });

  it("treats a check in the future as stale, beyond a few seconds of clock skew between instances", () => {
    expect(isStale(now + CLOCK_SKEW_SECONDS, now)).toBe(false);
    expect(isStale(now + CLOCK_SKEW_SECONDS + 1, now)).toBe(true);
    expect(isStale(now + 365 * 24 * 3600, now)).toBe(true);
  });

  it.each([undefined, null, "1800000000", {}])(
    "treats a token without a numeric checkedAt (%j) as stale",
    (checkedAt) => {
      expect(isStale(checkedAt, now)).toBe(true);
    },
  );
});
