import { describe, expect, it } from "vitest";

import { formatIp } from "./format-ip";

describe("formatIp", () => {
  it.each([
    ["::1", "this computer (::1)"],
    ["127.0.0.1", "this computer (127.0.0.1)"],
    ["::ffff:127.0.0.1", "this computer (127.0.0.1)"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["203.0.113.9", "203.0.113.9"],
    ["2001:db8::1", "2001:db8::1"],
  ])("shows %s as %s", (ip, shown) => {
    expect(formatIp(ip)).toBe(shown);
  });
});
