// The session cookie read without Auth.js must mean exactly what Auth.js means by it: whatever Auth.js issues,
// this reads to the same claims; whatever Auth.js's own decode refuses, this refuses.
import { decode, encode } from "@auth/core/jwt";
import { hkdf } from "@panva/hkdf";
import fc from "fast-check";
import { EncryptJWT } from "jose";
import { describe, expect, it, vi } from "vitest";

import {
  decodeSessionToken,
  encodeSessionToken,
  parseCookieHeader,
  SESSION_COOKIE,
  sessionCookieName,
  sessionCookieValue,
} from "./session-token";

const SALTS = [SESSION_COOKIE, `__Secure-${SESSION_COOKIE}`];
const secretArb = fc.string({ minLength: 32, maxLength: 48 });
const claimsArb = fc.record(
  {
    sub: fc.uuid(),
    name: fc.string({ maxLength: 64 }),
    email: fc.emailAddress(),
    picture: fc.option(fc.webUrl(), { nil: null }),
    role: fc.constantFrom("user", "admin", "something else"),
    sessionVersion: fc.integer({ min: 0, max: 1_000 }),
    checkedAt: fc.integer({ min: 0, max: 2_000_000_000 }),
  },
  { requiredKeys: ["sub"] },
);

/** Auth.js's decode, as its getToken() uses it: null instead of a throw. */
const authJsDecode = (token: string, secret: string[], salt: string) =>
  decode({ token, secret, salt }).catch(() => null);

describe("decodeSessionToken agrees with Auth.js", () => {
  it("reads every token Auth.js issues to the claims Auth.js reads, under any rotation list", async () => {
    await fc.assert(
      fc.asyncProperty(
        claimsArb,
        fc.array(secretArb, { minLength: 1, maxLength: 3 }),
        fc.nat(),
        fc.constantFrom(...SALTS),
        async (claims, secrets, pick, salt) => {
          // Issued under any secret of the list (a session from before the rotation included).
          const issuer = secrets[pick % secrets.length]!;
          const token = await encode({ token: claims, secret: issuer, salt });
          const ours = await decodeSessionToken(token, secrets, salt);
          expect(ours).toEqual(await authJsDecode(token, secrets, salt));
          expect(ours).toMatchObject(claims);
        },
      ),
      { numRuns: 200 },
    );
  }, 30_000);

  it("writes tokens Auth.js's decode reads to the same claims, with its times and without a jti", async () => {
    await fc.assert(
      fc.asyncProperty(
        claimsArb,
        fc.array(secretArb, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...SALTS),
        async (claims, secrets, salt) => {
          const before = Math.floor(Date.now() / 1000);
          // A token read back carries the previous id and times: none of them survives a re-encoding.
          const reissued = { ...claims, jti: "previous", iat: 1, exp: 2 };
          const token = await encodeSessionToken({ token: reissued, secret: secrets, salt, maxAge: 600 });
          const theirs = await authJsDecode(token, secrets, salt);
          expect(theirs).toMatchObject(claims);
          expect(theirs).not.toHaveProperty("jti");
          expect(theirs?.iat).toBeGreaterThanOrEqual(before);
          expect(theirs?.exp).toBe((theirs?.iat ?? 0) + 600);
          expect(await decodeSessionToken(token, secrets, salt)).toEqual(theirs);
        },
      ),
      { numRuns: 50 },
    );
  }, 30_000);

  it("refuses what Auth.js refuses: another secret, another cookie's salt, a tampered character, garbage", async () => {
    await fc.assert(
      fc.asyncProperty(claimsArb, secretArb, secretArb, fc.nat(), async (claims, secret, other, position) => {
        fc.pre(secret !== other);
        const token = await encode({ token: claims, secret, salt: SESSION_COOKIE });
        const refused: Array<[string, string[], string]> = [
          [token, [other], SESSION_COOKIE],
          [token, [secret], `__Secure-${SESSION_COOKIE}`],
          [token.split(".").slice(0, 3).join("."), [secret], SESSION_COOKIE],
          ["not-a-token", [secret], SESSION_COOKIE],
        ];
        for (const [value, secrets, salt] of refused) {
          expect(await decodeSessionToken(value, secrets, salt)).toBeNull();
          expect(await authJsDecode(value, secrets, salt)).toBeNull();
        }
        // One character changed: refused by both — except where it only flips the unused low bits of a
        // segment's last base64url character, which leaves the bytes, and so both answers, as they were.
        const i = position % token.length;
        const tampered = token.slice(0, i) + (token[i] === "A" ? "B" : "A") + token.slice(i + 1);
        expect(await decodeSessionToken(tampered, [secret], SESSION_COOKIE)).toEqual(
          await authJsDecode(tampered, [secret], SESSION_COOKIE),
        );
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  it("expires tokens as Auth.js does, with its 15 seconds of clock tolerance", async () => {
    const secret = "s".repeat(40);
    for (const [maxAge, readable] of [
      [-60, false],
      [-10, true],
      [60, true],
    ] as const) {
      const token = await encode({ token: { sub: "x" }, secret, salt: SESSION_COOKIE, maxAge });
      expect((await decodeSessionToken(token, [secret], SESSION_COOKIE)) !== null).toBe(readable);
      expect((await authJsDecode(token, [secret], SESSION_COOKIE)) !== null).toBe(readable);
    }
  });

  it("reads a token without a key id with the first secret, as Auth.js does (tokens from before kids)", async () => {
    const [first, second] = ["f".repeat(40), "g".repeat(40)];
    const keyOf = (secret: string) =>
      hkdf("sha256", secret, SESSION_COOKIE, `Auth.js Generated Encryption Key (${SESSION_COOKIE})`, 64);
    const withoutKid = (secret: string) =>
      keyOf(secret).then((key) =>
        new EncryptJWT({ sub: "x" })
          .setProtectedHeader({ alg: "dir", enc: "A256CBC-HS512" })
          .setExpirationTime("1h")
          .encrypt(key),
      );
    expect(await decodeSessionToken(await withoutKid(first), [first, second], SESSION_COOKIE)).toMatchObject({
      sub: "x",
    });
    expect(await decodeSessionToken(await withoutKid(second), [first, second], SESSION_COOKIE)).toBeNull();
    expect(await authJsDecode(await withoutKid(second), [first, second], SESSION_COOKIE)).toBeNull();
  });

  it("reads a token once: read again, it is not decrypted again, but still expires on time", async () => {
    const secret = "e".repeat(40);
    const token = await encode({ token: { sub: "x" }, secret, salt: SESSION_COOKIE, maxAge: 60 });
    const first = await decodeSessionToken(token, [secret], SESSION_COOKIE);
    expect(await decodeSessionToken(token, [secret], SESSION_COOKIE)).toBe(first); // the same object: from memory
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 74_000); // 60 s of life and 14 of tolerance
      expect(await decodeSessionToken(token, [secret], SESSION_COOKIE)).toBe(first);
      vi.setSystemTime(Date.now() + 2_000);
      expect(await decodeSessionToken(token, [secret], SESSION_COOKIE)).toBeNull();
      expect(await authJsDecode(token, [secret], SESSION_COOKIE)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps no key across secrets: a key derived for one secret never opens a token refused under another list", async () => {
    const [a, b] = ["a".repeat(40), "b".repeat(40)];
    const token = await encode({ token: { sub: "x" }, secret: a, salt: SESSION_COOKIE });
    expect(await decodeSessionToken(token, [a], SESSION_COOKIE)).not.toBeNull(); // a's key is now cached
    expect(await decodeSessionToken(token, [b], SESSION_COOKIE)).toBeNull();
  });
});

describe("the session cookie", () => {
  it("is named as Auth.js names it: __Secure- when the app's URL is https", () => {
    expect(sessionCookieName("http:", undefined)).toBe(SESSION_COOKIE);
    expect(sessionCookieName("https:", undefined)).toBe(`__Secure-${SESSION_COOKIE}`);
    // AUTH_URL decides when set (a TLS proxy in front of an http server).
    expect(sessionCookieName("http:", "https://app.example")).toBe(`__Secure-${SESSION_COOKIE}`);
    expect(sessionCookieName("https:", "http://localhost:3000")).toBe(SESSION_COOKIE);
  });

  it("is reassembled from Auth.js's chunks, in order", () => {
    const name = SESSION_COOKIE;
    expect(sessionCookieValue([{ name, value: "whole" }], name)).toBe("whole");
    const chunks = [`${name}.1`, `${name}.0`, `${name}.2`].map((chunk) => ({ name: chunk, value: chunk.slice(-1) }));
    expect(sessionCookieValue(chunks, name)).toBe("012");
    expect(
      sessionCookieValue(
        [
          { name: `${name}.x`, value: "no" },
          { name: "other", value: "no" },
        ],
        name,
      ),
    ).toBeUndefined();
  });

  it("is found in a Cookie header as Auth.js finds it", () => {
    expect(parseCookieHeader(`a=1; ${SESSION_COOKIE}=abc.def; b=%41%zz; =x; junk`)).toEqual([
      { name: "a", value: "1" },
      { name: SESSION_COOKIE, value: "abc.def" },
      { name: "b", value: "%41%zz" }, // not valid percent-encoding: as it stands
    ]);
    expect(parseCookieHeader("c=%41")).toEqual([{ name: "c", value: "A" }]);
    expect(parseCookieHeader(null)).toEqual([]);
  });
});
