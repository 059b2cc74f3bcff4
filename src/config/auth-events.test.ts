import { describe, expect, it } from "vitest";

import { describeAuthEvent } from "./auth-events";

describe("describeAuthEvent", () => {
  it("says what happened, with the device signed out, the roles, and whether an admin did it", () => {
    expect(describeAuthEvent({ type: "sign-in", detail: null, actorId: null })).toBe("Signed in");
    expect(
      describeAuthEvent({ type: "device-revoked", detail: { revokedDevice: "Chrome 142 on Linux" }, actorId: null }),
    ).toBe("Signed out a device: Chrome 142 on Linux");
    expect(describeAuthEvent({ type: "role-changed", detail: { from: "user", to: "admin" }, actorId: "a1" })).toBe(
      "Role changed (from user to admin) by an admin",
    );
    expect(describeAuthEvent({ type: "sign-out-everywhere", detail: null, actorId: "a1" })).toBe(
      "Signed out of all devices by an admin",
    );
  });
});
