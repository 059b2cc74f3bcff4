// Recovery codes on their own, without a database: their entropy and alphabet, their shape, the set that is shown
// once and stored hashed, and how what people type is read back.
import { describe, expect, it } from "vitest";

import { bcryptCompare } from "@/features/auth/server/hash-pool";
import {
  normaliseRecoveryCode,
  RECOVERY_CODE_COUNT,
  RECOVERY_CODE_LENGTH,
  recoveryCodeSchema,
} from "@/features/two-factor/shared/codes";

import { formatRecoveryCode, newRecoveryCode, newRecoveryCodeSet, RECOVERY_CODE_BITS } from "./recovery-codes";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

describe("recovery codes", () => {
  it("carry 80 bits (at least the 64 NIST asks of a look-up secret) as 16 Crockford base32 characters", () => {
    expect(RECOVERY_CODE_BITS).toBe(80);
    expect(RECOVERY_CODE_BITS).toBeGreaterThanOrEqual(64);
    expect(RECOVERY_CODE_LENGTH * Math.log2(CROCKFORD.length)).toBe(RECOVERY_CODE_BITS);
    for (let i = 0; i < 100; i += 1) expect(newRecoveryCode()).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
  });

  it("are shown in four groups of four", () => {
    expect(formatRecoveryCode("7Q4MKX2P93HDWT6C")).toBe("7Q4M-KX2P-93HD-WT6C");
    expect(formatRecoveryCode(newRecoveryCode())).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  it("use every character of the alphabet about equally often, in every position, and never repeat in 10,000", () => {
    const codes = Array.from({ length: 10_000 }, newRecoveryCode);
    expect(new Set(codes).size).toBe(codes.length);

    // 160,000 characters over 32 symbols: 5,000 expected each. With 31 degrees of freedom the chi-square
    // statistic of a uniform source has mean 31 and standard deviation ~7.9; the bound below is more than 20
    // standard deviations out (p far below 1e-40), so it cannot flake, yet a biased mapping — a modulo bias, a
    // symbol never drawn, a 6-bit slice — lands in the thousands.
    const counts = new Map<string, number>(Array.from(CROCKFORD, (symbol) => [symbol, 0]));
    for (const code of codes) for (const symbol of code) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    expect([...counts.keys()].sort().join("")).toBe([...CROCKFORD].sort().join("")); // nothing outside the alphabet
    const expected = (codes.length * RECOVERY_CODE_LENGTH) / CROCKFORD.length;
    const chiSquare = [...counts.values()].reduce((sum, seen) => sum + (seen - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(200);

    // Per position too (a constant or skewed character at one position would hide in the total): 10,000 draws
    // of 32 symbols, 312.5 expected each; the same loose bound.
    for (let position = 0; position < RECOVERY_CODE_LENGTH; position += 1) {
      const atPosition = new Map<string, number>();
      for (const code of codes) atPosition.set(code[position]!, (atPosition.get(code[position]!) ?? 0) + 1);
      expect(atPosition.size, `position ${position}`).toBe(CROCKFORD.length);
      const perSymbol = codes.length / CROCKFORD.length;
      const statistic = [...atPosition.values()].reduce((sum, seen) => sum + (seen - perSymbol) ** 2 / perSymbol, 0);
      expect(statistic, `position ${position}`).toBeLessThan(200);
    }
  });

  it(`come as a set of ${RECOVERY_CODE_COUNT}, shown formatted, each stored as a bcrypt hash of itself`, async () => {
    const { codes, hashes } = await newRecoveryCodeSet();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    expect(hashes).toHaveLength(RECOVERY_CODE_COUNT);
    for (const [index, hash] of hashes.entries()) {
      expect(hash).toMatch(/^\$2[aby]\$10\$/); // bcrypt, cost capped at 10
      expect(hash).not.toContain(codes[index]!.replace(/-/g, ""));
      expect(await bcryptCompare(codes[index]!, hash, "signed-in")).toBe(true);
    }
    expect(await bcryptCompare(codes[1]!, hashes[0]!, "signed-in")).toBe(false);
  }, 30_000); // 21 bcrypt runs at cost 10: about 1.5 s alone, but the unit phase shares 2 cores with the build
});

describe("reading a typed recovery code (Crockford's rules)", () => {
  it.each([
    ["7q4m-kx2p-93hd-wt6c", "7Q4MKX2P93HDWT6C"], // lower case
    ["7Q4M KX2P 93HD WT6C", "7Q4MKX2P93HDWT6C"], // spaces
    [" 7Q4M-KX2P 93HD\tWT6C ", "7Q4MKX2P93HDWT6C"], // any mix of separators
    ["IiLl-0000-0000-0000", "1111000000000000"], // I and L read as 1
    ["OoOo-1111-1111-1111", "0000111111111111"], // O read as 0
    ["7Q4MKX2P93HDWT6C", "7Q4MKX2P93HDWT6C"], // already canonical
  ])("%j reads as %j", (typed, canonical) => {
    expect(normaliseRecoveryCode(typed)).toBe(canonical);
  });

  it("reads every code as it was shown, and as people mistype it", () => {
    for (let i = 0; i < 200; i += 1) {
      const code = newRecoveryCode();
      const shown = formatRecoveryCode(code);
      expect(normaliseRecoveryCode(shown)).toBe(code);
      expect(normaliseRecoveryCode(shown.toLowerCase())).toBe(code);
      expect(normaliseRecoveryCode(shown.replace(/-/g, " "))).toBe(code);
      expect(normaliseRecoveryCode(shown.replace(/0/g, "O").replace(/1/g, "l"))).toBe(code);
      expect(recoveryCodeSchema.parse(shown.toLowerCase())).toBe(code);
    }
  });
});
