// The two-factor forms' schemas: what a code field accepts (as people type codes), what it refuses, and that a
// field too long to be a code is refused before anything is done to it.
import { describe, expect, it, vi } from "vitest";

import { isSecretField } from "@/lib/shared/secret-field";

import {
  INVALID_RECOVERY_CODE,
  INVALID_SECOND_FACTOR,
  INVALID_TOTP_CODE,
  recoveryCodeSchema,
  secondFactorCodeSchema,
  totpCodeSchema,
} from "./codes";
import { disableTwoFactorSchema, enableTwoFactorSchema, verifyRecoveryCodeSchema, verifyTotpSchema } from "./schemas";

const messageOf = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  result.error?.issues[0]?.message;

describe("totpCodeSchema", () => {
  it.each([
    ["123456", "123456"],
    ["000000", "000000"],
    ["123 456", "123456"], // as some apps show it
    [" 123456 ", "123456"],
  ])("accepts %j as %j", (typed, code) => {
    expect(totpCodeSchema.parse(typed)).toBe(code);
  });

  it.each([
    ["empty", ""],
    ["5 digits", "12345"],
    ["7 digits", "1234567"],
    ["a letter", "12345a"],
    ["a hyphen", "123-456"],
    ["full-width digits", "１２３４５６"],
    ["Arabic-Indic digits", "١٢٣٤٥٦"],
    ["a recovery code", "7Q4M-KX2P-93HD-WT6C"],
    ["a number", 123456],
    ["null", null],
    ["an array", ["123456"]],
  ])("refuses %s", (_label, typed) => {
    const result = totpCodeSchema.safeParse(typed);
    expect(result.success).toBe(false);
    expect(messageOf(result)).toBe(INVALID_TOTP_CODE);
  });
});

describe("recoveryCodeSchema", () => {
  it.each([
    ["7Q4M-KX2P-93HD-WT6C", "7Q4MKX2P93HDWT6C"],
    ["7q4mkx2p93hdwt6c", "7Q4MKX2P93HDWT6C"],
    ["7Q4M KX2P 93HD WT6C", "7Q4MKX2P93HDWT6C"],
    ["IOLo-0000-0000-0000", "1010000000000000"],
  ])("accepts %j as %j", (typed, code) => {
    expect(recoveryCodeSchema.parse(typed)).toBe(code);
  });

  it.each([
    ["empty", ""],
    ["15 characters", "7Q4M-KX2P-93HD-WT6"],
    ["17 characters", "7Q4M-KX2P-93HD-WT6CX"],
    ["a U (not in Crockford's alphabet)", "7Q4M-KX2P-93HD-WT6U"],
    ["punctuation", "7Q4M_KX2P_93HD_WT6C"],
    ["a TOTP code", "123456"],
    ["a number", 1234567890123456],
    ["null", null],
  ])("refuses %s", (_label, typed) => {
    const result = recoveryCodeSchema.safeParse(typed);
    expect(result.success).toBe(false);
    expect(messageOf(result)).toBe(INVALID_RECOVERY_CODE);
  });
});

describe("secondFactorCodeSchema (turning two-factor off takes either kind)", () => {
  it.each([
    ["123456", { kind: "totp", code: "123456" }],
    ["123 456", { kind: "totp", code: "123456" }],
    ["7q4m-kx2p-93hd-wt6c", { kind: "recovery", code: "7Q4MKX2P93HDWT6C" }],
    ["7Q4M KX2P 93HD WT6C", { kind: "recovery", code: "7Q4MKX2P93HDWT6C" }],
    // 16 digits is a recovery code (digits are Crockford characters), never a 6-digit code.
    ["1234-5678-9012-3456", { kind: "recovery", code: "1234567890123456" }],
  ])("accepts %j", (typed, parsed) => {
    expect(secondFactorCodeSchema.parse(typed)).toEqual(parsed);
  });

  it.each([
    ["empty", ""],
    ["5 digits", "12345"],
    ["7 digits", "1234567"],
    ["15 characters", "7Q4M-KX2P-93HD-WT6"],
    ["a U", "7Q4M-KX2P-93HD-WT6U"],
    ["a number", 123456],
  ])("refuses %s", (_label, typed) => {
    const result = secondFactorCodeSchema.safeParse(typed);
    expect(result.success).toBe(false);
    expect(messageOf(result)).toBe(INVALID_SECOND_FACTOR);
  });
});

describe("a field too long to be a code", () => {
  it.each([
    ["totpCodeSchema", totpCodeSchema, INVALID_TOTP_CODE],
    ["recoveryCodeSchema", recoveryCodeSchema, INVALID_RECOVERY_CODE],
    ["secondFactorCodeSchema", secondFactorCodeSchema, INVALID_SECOND_FACTOR],
  ] as const)("%s: over 64 characters, refused before any normalising", (_label, schema, message) => {
    // Beyond 64 characters nothing is replaced, upper-cased or matched: refused on its length alone.
    const replace = vi.spyOn(String.prototype, "replace");
    const toUpperCase = vi.spyOn(String.prototype, "toUpperCase");
    try {
      for (const typed of [" ".repeat(65), "1".repeat(65), "7".repeat(2_000_000)]) {
        const result = schema.safeParse(typed);
        expect(result.success).toBe(false);
        expect(messageOf(result)).toBe(message);
      }
      expect(replace).not.toHaveBeenCalled();
      expect(toUpperCase).not.toHaveBeenCalled();
    } finally {
      replace.mockRestore();
      toUpperCase.mockRestore();
    }
  });

  it("with separators, a code typed within the bound still parses", () => {
    const spaced = `${" ".repeat(29)}123456${" ".repeat(29)}`; // 64 characters
    expect(totpCodeSchema.parse(spaced)).toBe("123456");
    expect(totpCodeSchema.safeParse(` ${spaced}`).success).toBe(false);
  });
});

describe("the forms' schemas", () => {
  it("never echo a code back into the page", () => {
    for (const schema of [enableTwoFactorSchema, verifyTotpSchema, verifyRecoveryCodeSchema, disableTwoFactorSchema])
      for (const [name, field] of Object.entries(schema.shape)) expect(isSecretField(name, field), name).toBe(true);
  });
});
