import { describe, expect, it } from "vitest";

import { formatDateTime, formatSince } from "./format-time";

const now = new Date("2026-01-10T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe("formatSince", () => {
  it("reads as a person says it, and turns absolute after a week", () => {
    expect(formatSince(ago(5), now)).toBe("just now");
    expect(formatSince(ago(-30), now)).toBe("just now"); // a clock slightly ahead
    expect(formatSince(ago(5 * 60), now)).toBe("5 minutes ago");
    expect(formatSince(ago(3 * 3600 + 59), now)).toBe("3 hours ago");
    expect(formatSince(ago(26 * 3600), now)).toBe("yesterday");
    expect(formatSince(ago(8 * 86_400), now)).toBe(formatDateTime(ago(8 * 86_400)));
  });

  it("says the absolute time is UTC", () => {
    expect(formatDateTime(now)).toBe("Jan 10, 2026, 12:00 PM UTC");
  });
});
