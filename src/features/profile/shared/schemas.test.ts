import { describe, expect, it } from "vitest";

import { multilineTextSchema, PROFILE_FIELD_NAMES, PROFILE_FIELDS, profileFormValues, profileSchema } from "./schemas";

describe("multilineTextSchema (a bio, say)", () => {
  const bio = multilineTextSchema({ label: "Bio", maxLength: 20 });
  const parsed = (value: unknown) => bio.safeParse(value);

  it("stores the line breaks a browser posts (CRLF, or a lone CR) as \\n, trimmed", () => {
    expect(parsed("  first\r\nsecond\rthird\n ").data).toBe("first\nsecond\nthird");
  });

  it("keeps tabs, and stores empty (or only blank lines, or a post without the field) as null", () => {
    expect(parsed("a\tb").data).toBe("a\tb");
    expect(parsed("").data).toBeNull();
    expect(parsed(undefined).data).toBeNull();
    expect(parsed("\r\n\r\n").data).toBeNull();
  });

  it("counts characters after the line breaks are normalised, so CRLF costs what the person typed", () => {
    expect(parsed(`${"x".repeat(9)}\r\n${"y".repeat(10)}`).success).toBe(true); // 20 characters
    expect(parsed("🙂".repeat(20)).success).toBe(true); // characters, not UTF-16 units
    expect(parsed("x".repeat(21)).error?.issues[0]?.message).toBe("Bio has at most 20 characters.");
  });

  it.each(["a\u0000b", "a\u202eb", "a\u2028b", "a\u0007b"])("refuses control and formatting characters: %j", (text) => {
    expect(parsed(text).error?.issues[0]?.message).toBe(
      "Bio cannot contain control or invisible formatting characters.",
    );
  });

  it("refuses what is not one string, and a huge one before reading it", () => {
    expect(parsed(["a", "b"]).success).toBe(false);
    expect(parsed(42).error?.issues[0]?.message).toBe("Bio must be text.");
    expect(parsed("x".repeat(1_000_000)).error?.issues[0]?.message).toBe("Bio has at most 20 characters.");
    expect(parsed("a\uD800b").success).toBe(false); // a lone surrogate
  });
});

describe("PROFILE_FIELDS", () => {
  it("shows a stored profile in the form as the form's parse stores it again", () => {
    const typed = { name: " Ada ", image: "https://example.com/a.png" };
    const stored = profileSchema.parse(typed);
    expect(profileSchema.parse(profileFormValues(stored))).toEqual(stored);
  });

  it("gives every field a label", () => {
    for (const name of PROFILE_FIELD_NAMES) expect(PROFILE_FIELDS[name].look.label.trim()).not.toBe("");
  });
});
