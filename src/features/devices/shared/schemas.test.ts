import { describe, expect, it } from "vitest";

import { otherDevicesSignedOut, revokeDeviceSchema } from "./schemas";

describe("revokeDeviceSchema", () => {
  it("takes an id of the shape newSessionId makes (16 characters of base64url), and nothing else", () => {
    for (const id of ["AAAAAAAAAAAAAAAA", "abc-_DEF0123xyz9"]) {
      expect(revokeDeviceSchema.safeParse({ sessionId: id }).success).toBe(true);
    }
    for (const id of [
      "",
      "short",
      "A".repeat(17),
      "AAAAAAAAAAAAAAA=",
      "AAAAAAAAAAAAAAA/",
      " AAAAAAAAAAAAAAA",
      16,
      ["AAAAAAAAAAAAAAAA"],
    ]) {
      expect(revokeDeviceSchema.safeParse({ sessionId: id }).success).toBe(false);
    }
  });
});

describe("otherDevicesSignedOut", () => {
  it("counts in words", () => {
    expect([0, 1, 2].map(otherDevicesSignedOut)).toEqual([
      "No other device was signed in.",
      "Signed out 1 other device.",
      "Signed out 2 other devices.",
    ]);
  });
});
