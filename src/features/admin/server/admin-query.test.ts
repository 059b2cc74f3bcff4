import { describe, expect, it } from "vitest";

import { adminHref, decodeCursor, encodeCursor, parseAdminQuery } from "./admin-query";

const cursor = {
  direction: "after",
  createdAt: "2026-11-26T06:43:51.123456Z",
  id: "7d444840-9dc0-41c4-a3c8-3f2c1d7a1e29",
} as const;
const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("the /admin page cursor", () => {
  it("round-trips, microseconds included", () => {
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ["not base64url", "%%%"],
    ["not JSON", Buffer.from("{nope").toString("base64url")],
    ["an unknown direction", raw({ d: "sideways", t: cursor.createdAt, i: cursor.id })],
    ["a time without microseconds", raw({ d: "after", t: "2026-11-26T06:43:51.123Z", i: cursor.id })],
    ["a day that does not exist", raw({ d: "after", t: "2026-02-30T06:43:51.123456Z", i: cursor.id })],
    ["a month that does not exist", raw({ d: "after", t: "2026-13-01T06:43:51.123456Z", i: cursor.id })],
    ["an id that is not a uuid", raw({ d: "after", t: cursor.createdAt, i: "1; drop table users" })],
    ["a huge one", "A".repeat(5_000)],
  ])("refuses %s", (_, text) => {
    expect(decodeCursor(text)).toBeUndefined();
  });
});

describe("the /admin query string", () => {
  it("keeps what parses and says what did not", () => {
    expect(parseAdminQuery({ q: "  Ada ", cursor: "junk", events: "x" })).toEqual({
      search: "Ada",
      problems: ["That page link is not valid. Showing the first page.", "That account no longer exists."],
    });
    expect(parseAdminQuery({ q: ["a", "b"], cursor: encodeCursor(cursor), events: cursor.id })).toEqual({
      search: "a",
      cursor,
      events: cursor.id,
      problems: [],
    });
    expect(parseAdminQuery({ q: "a\u0000b" }).problems).toHaveLength(1);
    expect(parseAdminQuery({ q: "a".repeat(101) }).problems).toHaveLength(1);
    expect(parseAdminQuery({ q: "   " })).toEqual({ problems: [] });
  });

  it("writes links with only the parameters that have a value", () => {
    expect(adminHref({})).toBe("/admin");
    expect(adminHref({ q: "a b&c", events: "" }, "activity")).toBe("/admin?q=a+b%26c#activity");
  });
});
