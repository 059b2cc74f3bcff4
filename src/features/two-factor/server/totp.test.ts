// RFC 6238 done to the letter: the RFC's own test vectors, the drift it allows, and a code that works once.
import { generate } from "otplib";
import { describe, expect, it } from "vitest";

import { checkTotp, newTotpSecret, TOTP_PERIOD_SECONDS, totpUri } from "./totp";

// RFC 6238 Appendix B: the seeds are ASCII "1234567890" repeated to the hash's key length, 8-digit codes.
const base32 = (ascii: string) => {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const byte of Buffer.from(ascii, "ascii")) bits += byte.toString(2).padStart(8, "0");
  return (bits.match(/.{1,5}/g) ?? []).map((chunk) => alphabet[parseInt(chunk.padEnd(5, "0"), 2)]).join("");
};
const SEEDS = {
  sha1: base32("12345678901234567890"),
  sha256: base32("12345678901234567890123456789012"),
  sha512: base32("1234567890123456789012345678901234567890123456789012345678901234"),
} as const;
const VECTORS: Array<[number, string, keyof typeof SEEDS]> = [
  [59, "94287082", "sha1"],
  [59, "46119246", "sha256"],
  [59, "90693936", "sha512"],
  [1111111109, "07081804", "sha1"],
  [1111111109, "68084774", "sha256"],
  [1111111109, "25091201", "sha512"],
  [1111111111, "14050471", "sha1"],
  [1234567890, "89005924", "sha1"],
  [2000000000, "69279037", "sha1"],
  [20000000000, "65353130", "sha1"],
  [20000000000, "77737706", "sha256"],
  [20000000000, "47863826", "sha512"],
];

describe("TOTP (RFC 6238)", () => {
  it.each(VECTORS)("Appendix B: at %i s the code is %s (%s)", async (epoch, code, algorithm) => {
    expect(await generate({ secret: SEEDS[algorithm], epoch, digits: 8, algorithm, period: 30 })).toBe(code);
  });

  const secret = newTotpSecret();
  const start = new Date(Date.UTC(2026, 10, 26, 12, 0, 0)); // the start of a 30 s step
  const codeAt = (date: Date) => generate({ secret, epoch: Math.floor(date.getTime() / 1000) });
  const stepsLater = (steps: number) => new Date(start.getTime() + steps * TOTP_PERIOD_SECONDS * 1000);

  it("makes 160-bit secrets, and an otpauth:// URI with the issuer and the account", () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 32 base32 characters carry 160 bits
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, "Edge JWT Auth", "ada@example.com"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Edge JWT Auth");
    expect(decodeURIComponent(uri.pathname)).toContain("ada@example.com");
  });

  it("accepts a code one step early or late, and refuses two steps either way", async () => {
    const code = await codeAt(start);
    for (const steps of [-1, 0, 1]) {
      const check = await checkTotp(secret, code, { now: stepsLater(steps), lastUsedStep: null });
      expect(check, `${steps} steps`).toMatchObject({ valid: true });
    }
    for (const steps of [-2, 2]) {
      expect(await checkTotp(secret, code, { now: stepsLater(steps), lastUsedStep: null }), `${steps} steps`).toEqual({
        valid: false,
      });
    }
  });

  it("accepts a code once: its step, and every earlier one, are refused afterwards (the clock moved, not waited)", async () => {
    const code = await codeAt(start);
    const first = await checkTotp(secret, code, { now: start, lastUsedStep: null });
    if (!first.valid) throw new Error("the code should have been accepted");
    expect(first.timeStep).toBe(Math.floor(start.getTime() / 1000 / TOTP_PERIOD_SECONDS));
    // Replayed in the same step, and later within the drift window: refused.
    expect(await checkTotp(secret, code, { now: start, lastUsedStep: first.timeStep })).toEqual({ valid: false });
    expect(await checkTotp(secret, code, { now: stepsLater(1), lastUsedStep: first.timeStep })).toEqual({
      valid: false,
    });
    // An older code still inside the window: refused too.
    const older = await codeAt(stepsLater(-1));
    expect(await checkTotp(secret, older, { now: start, lastUsedStep: first.timeStep })).toEqual({ valid: false });
    // The next step's code: accepted.
    const next = await codeAt(stepsLater(1));
    expect(await checkTotp(secret, next, { now: stepsLater(1), lastUsedStep: first.timeStep })).toMatchObject({
      valid: true,
      timeStep: first.timeStep + 1,
    });
  });

  it.each(["", "12345", "1234567", "12345a", " 123456", "１２３４５６"])(
    "refuses %j without computing",
    async (code) => {
      expect(await checkTotp(secret, code, { now: start, lastUsedStep: null })).toEqual({ valid: false });
    },
  );
});
