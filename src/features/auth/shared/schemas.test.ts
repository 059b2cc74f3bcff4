import { describe, expect, it, vi } from "vitest";

import { passwordSchema, registerSchema, signInSchema } from "./schemas";

const INVISIBLE = "A name cannot contain control or invisible formatting characters.";

const schema = registerSchema({ minLength: 15, isCommon: (password) => password === "password1234567890" });
const valid = { name: "Ada Lovelace", email: "ada@example.com", password: "correct horse battery" };
const passwordError = (password: unknown) => {
  const result = schema.safeParse({ ...valid, password });
  return result.success ? undefined : result.error.issues.find((issue) => issue.path[0] === "password")?.message;
};

describe("register schema: passwords", () => {
  it("needs at least 15 characters: 14 fail, 15 pass", () => {
    expect(passwordError("a".repeat(14))).toBe("Use at least 15 characters.");
    expect(passwordError("a".repeat(15))).toBeUndefined();
  });

  it("counts characters, not bytes or UTF-16 units", () => {
    // 15 emoji: 15 characters, 30 UTF-16 units, 60 bytes — allowed.
    expect(passwordError("😀".repeat(15))).toBeUndefined();
    // 14 emoji are 14 characters even though they are 28 UTF-16 units.
    expect(passwordError("😀".repeat(14))).toBe("Use at least 15 characters.");
  });

  it("allows 72 bytes of UTF-8 and refuses 73, saying why", () => {
    expect(passwordError("a".repeat(72))).toBeUndefined();
    expect(passwordError("a".repeat(73))).toMatch(/at most 72 bytes/);
    // 24 × "é" (2 bytes each) = 48 bytes fine; 37 × "é" = 74 bytes too long, though only 37 characters.
    expect(passwordError("é".repeat(24))).toBeUndefined();
    expect(passwordError("é".repeat(37))).toMatch(/at most 72 bytes/);
  });

  it("normalises with NFKC before counting and hashing", () => {
    const decomposed = "e\u0301".repeat(15); // "é" as e + combining accent: 30 code points before NFKC
    const parsed = schema.parse({ ...valid, password: decomposed });
    expect(parsed.password).toBe("é".repeat(15));
    expect(signInSchema.parse({ email: "a@b.co", password: "ﬁ" }).password).toBe("fi"); // compatibility ligature
    // 36 decomposed "é" are 108 bytes raw, but 72 after NFKC: allowed.
    expect(passwordError("e\u0301".repeat(36))).toBeUndefined();
  });

  it("refuses what the blocklist calls common", () => {
    expect(passwordError("password1234567890")).toMatch(/most common/);
  });

  it("has no composition rules", () => {
    expect(passwordError("all lower case words here")).toBeUndefined();
  });

  it("refuses the email or the name as the password", () => {
    expect(passwordError("ada@example.com")).toMatch(/cannot be your email address or your name/);
    expect(
      schema.safeParse({ ...valid, name: "A Very Long Name Indeed", password: "a very long name indeed" }).success,
    ).toBe(false);
  });

  it("refuses lone surrogates (invalid UTF-16)", () => {
    expect(passwordError("\ud800".repeat(20))).toBe("That password contains invalid characters.");
  });
});

describe("register schema: email and name", () => {
  it("lower-cases and trims the email", () => {
    expect(schema.parse({ ...valid, email: "  Ada@Example.COM " }).email).toBe("ada@example.com");
  });

  it("allows 254 characters and refuses 255", () => {
    const local = "a".repeat(64);
    const domainOf = (length: number) => {
      const labels: string[] = [];
      let left = length - 4; // ".com"
      while (left > 0) {
        const size = Math.min(63, left - (labels.length ? 1 : 0));
        labels.push("b".repeat(size));
        left -= size + (labels.length > 1 ? 1 : 0);
      }
      return `${labels.join(".")}.com`;
    };
    const email254 = `${local}@${domainOf(254 - 65)}`;
    const email255 = `${local}@${domainOf(255 - 65)}`;
    expect(email254).toHaveLength(254);
    expect(email255).toHaveLength(255);
    expect(schema.safeParse({ ...valid, email: email254 }).success).toBe(true);
    expect(schema.safeParse({ ...valid, email: email255 }).success).toBe(false);
  });

  it.each([
    ["", "Enter your name."],
    ["   ", "Enter your name."],
    ["a".repeat(65), "A name has at most 64 characters."],
    ["Ada\u0000", INVISIBLE], // NUL: PostgreSQL refuses it, which used to surface as "Service temporarily unavailable"
    ["Ada\nLovelace", INVISIBLE],
    ["Ada\u0085", INVISIBLE], // C1 "next line"
    ["Ada\u202eecalevoL", INVISIBLE], // a right-to-left override: "Ada" then "Lovelace" spelled backwards on screen
    ["Ada\u2066x\u2069", INVISIBLE], // bidi isolates
    ["Ad\u200ba", INVISIBLE], // a zero-width space: one name that looks like another in the admin table
    ["Ada\u00ad", INVISIBLE], // a soft hyphen
    ["Ad\ufeffa", INVISIBLE], // a byte-order mark (at either end, trimming removes it)
    ["Ada\u2028Lovelace", INVISIBLE],
    ["Ada Lovelace-Byron", undefined],
    ["Ада Лавлейс 😀", undefined],
  ])("name %j → %s", (name, message) => {
    const result = schema.safeParse({ ...valid, name });
    const found = result.success ? undefined : result.error.issues.find((issue) => issue.path[0] === "name")?.message;
    expect(found).toBe(message);
  });

  it("accepts 64 characters of name, counted as people count them", () => {
    expect(schema.safeParse({ ...valid, name: "😀".repeat(64) }).success).toBe(true);
  });

  it.each([
    ["an array", ["ada@example.com", "x@example.com"]],
    ["a number", 42],
    ["a file", new File(["x"], "x.txt")],
    ["10 kB", "a".repeat(10_000)],
  ])("refuses %s as an email with a message, not an exception", (_label, email) => {
    const result = schema.safeParse({ ...valid, email });
    expect(result.success).toBe(false);
  });
});

describe("passwords typed to prove who you are (sign-in, confirming in settings)", () => {
  const schema = passwordSchema("Enter your current password.");
  it("refuses more than 72 bytes instead of letting bcrypt read only the first 72", () => {
    expect(schema.safeParse("a".repeat(72)).success).toBe(true);
    expect(schema.safeParse("a".repeat(73)).error?.issues[0]?.message).toMatch(/at most 72 bytes/);
    expect(schema.safeParse("a".repeat(1_024)).error?.issues[0]?.message).toMatch(/at most 72 bytes/);
  });

  it("normalises with NFKC, as sign-up did when the hash was made", () => {
    expect(schema.parse("e\u0301".repeat(15))).toBe("é".repeat(15));
  });

  it("says what is missing in the words of its form", () => {
    expect(schema.safeParse("").error?.issues[0]?.message).toBe("Enter your current password.");
  });
});

describe("over-long fields", () => {
  it("are refused before anything trims, lower-cases or normalises them", () => {
    const huge = "a".repeat(5_000_000);
    const touched = ["trim", "toLowerCase", "normalize"].map((method) => vi.spyOn(String.prototype, method as "trim"));
    try {
      const result = registerSchema({ minLength: 15 }).safeParse({
        name: ` ${huge} `,
        email: ` ${huge}@example.com `,
        password: huge,
      });
      expect(result.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
        ["name", "A name has at most 64 characters."],
        ["email", "An email address has at most 254 characters."],
        ["password", expect.stringMatching(/at most 72 bytes/)],
      ]);
      for (const spy of touched) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of touched) spy.mockRestore();
    }
  });
});
