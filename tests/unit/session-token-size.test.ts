// INVARIANT (a fork must keep it): the session token holds only what authorization needs, and stays one cookie.
//
// Every request carries the token, and the Edge guard decrypts it on every guarded request. Auth.js splits a
// token longer than one cookie into chunks (`authjs.session-token.0`, `.1`, …), which doubles what each request
// sends and brings proxies' header limits closer. (Auth.js splits a little early, at 4096 less 160 bytes it keeps
// for the attributes, so the very longest profiles already travel as two chunks; the Edge guard joins them.) Profile data belongs in the database, read by the page that
// shows it; the token keeps who you are, your role, and when that was last checked. If this test fails after you
// added a claim or a field, read docs/extending.md ("Two rules a fork must keep").
import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";

import { authConfig } from "auth.config";
import { PASSWORD_AND_CODE } from "@/config/auth-methods";
import { encodeSessionToken } from "@/features/auth/edge/session-token";
import { emailSchema, NAME_MAX_LENGTH, nameSchema } from "@/features/auth/shared/schemas";
import { IMAGE_URL_MAX_LENGTH, imageUrlSchema } from "@/features/profile/shared/schemas";
import { statedFigures } from "@tests/support/docs";

/** Every claim the token may hold: the standard ones Auth.js sets, and ours (see next-auth.d.ts). */
const ALLOWED_CLAIMS = [
  "sub",
  "name",
  "email",
  "picture",
  "role",
  "sessionVersion",
  "checkedAt",
  "verifiedEmail",
  "sid",
  "signedInAt",
  "amr",
  "iat",
  "exp",
];

// What a browser keeps of one cookie: its name, "=" and value together (RFC 6265bis; Chromium and Firefox enforce it).
const ONE_COOKIE_BYTES = 4096;

const SECRET = "test-secret-that-is-long-enough-for-auth-js-0123456789";
const SALT = "authjs.session-token";

/** The largest values each field's own schema accepts: 4-byte characters where characters are counted. */
function worstCaseUser() {
  const name = nameSchema.parse("\u{1F984}".repeat(NAME_MAX_LENGTH));
  const local = "l".repeat(64);
  const email = emailSchema.parse(`${local}@${["d".repeat(63), "e".repeat(63), "f".repeat(57)].join(".")}.com`);
  const prefix = "https://images.example.com/";
  const image = imageUrlSchema.parse(prefix + "p".repeat(IMAGE_URL_MAX_LENGTH - prefix.length));
  return {
    id: crypto.randomUUID(),
    name,
    email,
    image,
    role: "admin" as const,
    sessionVersion: 2_147_483_647,
    sessionId: "s".repeat(16),
    verifiedEmail: true,
    methods: [...PASSWORD_AND_CODE], // the longest way a session is made
  };
}

/** The token as Auth.js builds it at sign-in: its defaults from the user, then our jwt callback. */
async function signInToken(user: ReturnType<typeof worstCaseUser>): Promise<JWT> {
  const defaults: JWT = { name: user.name, email: user.email, picture: user.image, sub: user.id };
  const token = await authConfig.callbacks.jwt({
    token: defaults,
    user,
    account: null,
    trigger: "signIn",
  } as Parameters<typeof authConfig.callbacks.jwt>[0]);
  return token as JWT;
}

describe("INVARIANT: the session token holds only what authorization needs, and stays one small cookie", () => {
  it("has only the allowed claims (add profile data to the database, not the token)", async () => {
    const token = await signInToken(worstCaseUser());
    const claims = Object.keys(token).filter((claim) => token[claim] !== undefined);
    expect(
      claims.filter((claim) => !ALLOWED_CLAIMS.includes(claim)),
      "claims the token must not carry",
    ).toEqual([]);
  });

  it("fits one cookie for the longest name, email and image URL the schemas accept", async () => {
    const user = worstCaseUser();
    expect(user.email).toHaveLength(254); // the test is only as strong as its worst case
    expect(user.image).toHaveLength(IMAGE_URL_MAX_LENGTH);
    // Encoded as auth.ts encodes it (Auth.js's format, without its unused jti).
    const value = await encodeSessionToken({
      token: await signInToken(user),
      secret: SECRET,
      salt: SALT,
      maxAge: 30 * 24 * 60 * 60,
    });
    const cookie = `__Secure-${SALT}=${value}`; // the longer, production name
    expect(
      cookie.length,
      `the worst-case session cookie is ${cookie.length} bytes; a browser keeps ${ONE_COOKIE_BYTES}`,
    ).toBeLessThanOrEqual(ONE_COOKIE_BYTES);
    // The docs state this figure (docs/extending.md, "Two rules a fork must keep"); this test is where it comes from.
    const stated = statedFigures(/worst case is ([\d,]+) bytes/);
    expect(stated, 'no doc says "The worst case is N bytes": docs/extending.md states it').not.toEqual([]);
    for (const figure of stated) {
      expect(
        figure.value,
        `${figure.file}:${figure.line} says "${figure.text}"; it is ${cookie.length.toLocaleString("en")} bytes: write that`,
      ).toBe(cookie.length);
    }
  });
});
