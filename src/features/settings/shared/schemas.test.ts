import { describe, expect, it } from "vitest";

import { isSecretField } from "@/lib/shared/secret-field";

import { changePasswordSchema, deleteAccountSchema } from "./schemas";

const NEW_PASSWORD = "a brand new passphrase 42";
const firstMessage = (result: { error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }, field: string) =>
  result.error?.issues.find((issue) => issue.path[0] === field)?.message;

describe("the current password, typed to confirm a change", () => {
  it("is optional to the schema (an account without one proves itself with a passkey): the server asks for it", () => {
    expect(deleteAccountSchema.parse({ currentPassword: "", reauthCode: "" })).toEqual({});
  });

  it.each([
    [
      "change password",
      (password: string) =>
        changePasswordSchema({ minLength: 15 }).safeParse({ currentPassword: password, newPassword: NEW_PASSWORD }),
      "currentPassword",
    ],
    [
      "delete account",
      (password: string) => deleteAccountSchema.safeParse({ currentPassword: password }),
      "currentPassword",
    ],
  ] as const)("%s: refused above 72 bytes, never compared on bcrypt's first 72", (_label, parse, field) => {
    expect(parse("a".repeat(72)).success).toBe(true);
    expect(firstMessage(parse("a".repeat(73)), field)).toMatch(/at most 72 bytes/);
    expect(firstMessage(parse("é".repeat(37)), field)).toMatch(/at most 72 bytes/); // 37 characters, 74 bytes
  });

  it("is normalised (NFKC) like the password it is compared with", () => {
    const parsed = deleteAccountSchema.parse({ currentPassword: "e\u0301".repeat(15) });
    expect(parsed.currentPassword).toBe("é".repeat(15));
  });
});

describe("what the settings forms may echo back", () => {
  it.each([
    ["change password", changePasswordSchema({ minLength: 15 })],
    ["delete account", deleteAccountSchema],
  ] as const)("%s: nothing — every field is secret", (_label, schema) => {
    const fields = Object.entries(schema.shape);
    expect(fields.length).toBeGreaterThan(0);
    for (const [name, field] of fields) expect(isSecretField(name, field), name).toBe(true);
  });
});
