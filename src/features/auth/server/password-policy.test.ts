// The strength hint under a new-password field and the server's rule must agree: what the hint calls "Very weak"
// the server refuses, with the hint's words, and nothing the hint rates higher is refused for strength.
import { describe, expect, it } from "vitest";

import { strengthLabel, VERY_WEAK_MESSAGE } from "@/features/auth/shared/password-strength";
import { registerSchema } from "@/features/auth/shared/schemas";

import { isVeryWeakPassword, serverPasswordPolicy } from "./password-policy";

const SAMPLES = [
  "passwordpassword",
  "aaaaaaaaaaaaaaaa",
  "abcdefghijklmnop",
  "1234567890123456",
  "qwertyuiopasdfgh",
  "ada.lovelace1815",
  "Tr0ub4dor&3xyzzy",
  "correct horse battery staple",
  "a long and uncommon admin passphrase",
  "zebra kettle orbit 42",
];

describe("the server's password rule and the strength hint", () => {
  it.each(SAMPLES)("agree on %j", async (password) => {
    expect(isVeryWeakPassword(password)).toBe((await strengthLabel(password)) === "Very weak");
  });

  it("uses the hint's own words", () => {
    expect(VERY_WEAK_MESSAGE).toMatch(/^Strength: Very weak\. /);
  });

  it("refuses passwordpassword (long enough, on no blocklist) at sign-up, and accepts a passphrase", () => {
    const schema = registerSchema(serverPasswordPolicy());
    const person = { name: "Ada Lovelace", email: "ada@example.com" };
    const refused = schema.safeParse({ ...person, password: "passwordpassword" });
    expect(refused.error?.issues).toEqual([
      expect.objectContaining({ path: ["password"], message: VERY_WEAK_MESSAGE }),
    ]);
    expect(schema.safeParse({ ...person, password: "zebra kettle orbit 42" }).success).toBe(true);
  });

  it("says a too-short password is too short, not also very weak", () => {
    const refused = registerSchema(serverPasswordPolicy()).safeParse({
      name: "Ada Lovelace",
      email: "ada@example.com",
      password: "aaaa",
    });
    expect(refused.error?.issues.map((issue) => issue.message)).toEqual([expect.stringMatching(/^Use at least/)]);
  });
});
