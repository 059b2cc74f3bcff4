// Reading the session cookie without Auth.js's session round trip: find it, decrypt it, nothing else. Edge-safe
// (jose and Web Crypto only), so the Edge guard and the Node server read it the same way.
//
// Auth.js's own `auth()` does more on every call: it derives the key again (HKDF), decrypts, runs the callbacks,
// makes a CSRF token and encrypts a fresh cookie for the rolling expiry — which the Edge guard and a server
// component then throw away. Here the derived key and its id are cached per secret, so a read is one
// authenticated decryption. The format is Auth.js's (session-token.test.ts checks it both ways): a JWE with
// `alg: dir`, `enc: A256CBC-HS512` (A256GCM read too), its key derived by HKDF-SHA-256 from the secret with the
// cookie name as salt, and its `kid` the key's JWK thumbprint, which picks the secret during a rotation. And a
// token read before is not decrypted again (see recentlyRead).
import { hkdf } from "@panva/hkdf";
import { base64url, calculateJwkThumbprint, EncryptJWT, jwtDecrypt, type JWTPayload } from "jose";

export const SESSION_COOKIE = "authjs.session-token";

/**
 * Auth.js's cookie name: `__Secure-` prefixed when the app's URL is https — AUTH_URL's protocol when set, else
 * the request's (`https:` or `http:`).
 */
export function sessionCookieName(requestProtocol: string, authUrl = process.env.AUTH_URL): string {
  const protocol = authUrl ? new URL(authUrl).protocol : requestProtocol;
  return protocol === "https:" ? `__Secure-${SESSION_COOKIE}` : SESSION_COOKIE;
}

export interface Cookie {
  name: string;
  value: string;
}

/** The cookies of a Cookie header, values percent-decoded where they can be (as Auth.js parses them). */
export function parseCookieHeader(header: string | null | undefined): Cookie[] {
  if (!header) return [];
  return header.split(";").flatMap((pair) => {
    const at = pair.indexOf("=");
    const name = pair.slice(0, Math.max(at, 0)).trim();
    if (!name) return [];
    const raw = pair.slice(at + 1).trim();
    let value = raw;
    try {
      value = decodeURIComponent(raw);
    } catch {
      // a value that is not valid percent-encoding is taken as it stands
    }
    return [{ name, value }];
  });
}

/** The cookie's value, reassembled when Auth.js had to split a large one into `name.0`, `name.1`, … */
export function sessionCookieValue(cookies: readonly Cookie[], name: string): string | undefined {
  const whole = cookies.find((cookie) => cookie.name === name)?.value;
  if (whole) return whole;
  const chunks = cookies
    .map((cookie) => ({
      index: cookie.name.startsWith(`${name}.`) ? Number(cookie.name.slice(name.length + 1)) : NaN,
      value: cookie.value,
    }))
    .filter((chunk) => Number.isSafeInteger(chunk.index) && chunk.index >= 0)
    .sort((a, b) => a.index - b.index);
  return chunks.length ? chunks.map((chunk) => chunk.value).join("") : undefined;
}

type Encryption = "A256CBC-HS512" | "A256GCM";
interface DerivedKey {
  key: Uint8Array;
  kid: string;
}

// At most (secrets in the rotation list) × (two cookie names) × (two encryptions) entries, for the process's life.
const derivedKeys = new Map<string, Promise<DerivedKey>>();

function derivedKey(secret: string, salt: string, enc: Encryption): Promise<DerivedKey> {
  const cacheKey = `${enc}\u0000${salt}\u0000${secret}`;
  let entry = derivedKeys.get(cacheKey);
  if (!entry) {
    entry = (async () => {
      const key = await hkdf(
        "sha256",
        secret,
        salt,
        `Auth.js Generated Encryption Key (${salt})`,
        enc === "A256GCM" ? 32 : 64,
      );
      const kid = await calculateJwkThumbprint(
        { kty: "oct", k: base64url.encode(key) },
        `sha${key.byteLength << 3}` as "sha256" | "sha512",
      );
      return { key, kid };
    })();
    derivedKeys.set(cacheKey, entry);
  }
  return entry;
}

/**
 * Auth.js's own encoding — the same key, header and times as its `encode` — less the random `jti` it adds.
 * Nothing reads that id (a device session is named by `sid`), and its 45 bytes are what the `amr` claim needs
 * to keep the longest profile's token within one cookie (tests/unit/session-token-size.test.ts). Auth.js's
 * decode, and decodeSessionToken, read it as they read their own (session-token.test.ts).
 */
export async function encodeSessionToken({
  token = {},
  secret,
  salt,
  maxAge,
}: {
  token?: JWTPayload;
  secret: string | readonly string[];
  salt: string;
  maxAge: number;
}): Promise<string> {
  const first = typeof secret === "string" ? secret : secret[0];
  if (!first) throw new Error("encodeSessionToken: no secret");
  const { key, kid } = await derivedKey(first, salt, "A256CBC-HS512");
  const claims = { ...token };
  for (const claim of ["jti", "iat", "exp"] as const) delete claims[claim]; // set afresh below, or not at all
  const now = Math.floor(Date.now() / 1000);
  return new EncryptJWT(claims)
    .setProtectedHeader({ alg: "dir", enc: "A256CBC-HS512", kid })
    .setIssuedAt(now)
    .setExpirationTime(now + maxAge)
    .encrypt(key);
}

const isEncryption = (value: unknown): value is Encryption => value === "A256CBC-HS512" || value === "A256GCM";

/**
 * Tokens read lately, by secret list and cookie name, then by their exact text. A browser sends the same cookie on
 * every request until it is re-set, so most reads need no decryption at all. Only tokens that decrypted are
 * kept, an entry is used only until the token's own expiry, and at most RECENT_TOKENS are kept per list (the
 * oldest read goes first).
 */
const recentlyRead = new Map<string, Map<string, JWTPayload>>();
const RECENT_TOKENS = 1_000;
const CLOCK_TOLERANCE_SECONDS = 15; // as Auth.js's decode allows

function unexpired(payload: JWTPayload): boolean {
  const now = Date.now() / 1000;
  const expired = typeof payload.exp === "number" && now > payload.exp + CLOCK_TOLERANCE_SECONDS;
  const early = typeof payload.nbf === "number" && now < payload.nbf - CLOCK_TOLERANCE_SECONDS;
  return !expired && !early;
}

/**
 * The token's claims when `token` is a session cookie this app issued under one of `secrets` and has not
 * expired (15 s of clock tolerance, as Auth.js allows); null for anything else — never an exception.
 */
export async function decodeSessionToken(
  token: string | undefined,
  secrets: readonly string[],
  salt: string,
): Promise<JWTPayload | null> {
  if (!token || secrets.length === 0) return null;
  const listKey = `${salt}\u0000${secrets.join("\u0000")}`;
  let recent = recentlyRead.get(listKey);
  if (!recent) recentlyRead.set(listKey, (recent = new Map()));
  const known = recent.get(token);
  if (known) {
    recent.delete(token);
    if (!unexpired(known)) return null;
    recent.set(token, known); // most recently read last
    return known;
  }
  const payload = await decrypt(token, secrets, salt);
  if (payload) {
    recent.set(token, payload);
    if (recent.size > RECENT_TOKENS) recent.delete(recent.keys().next().value!);
  }
  return payload;
}

async function decrypt(token: string, secrets: readonly string[], salt: string): Promise<JWTPayload | null> {
  try {
    const { payload } = await jwtDecrypt(
      token,
      async ({ kid, enc }) => {
        if (!isEncryption(enc)) throw new Error("unsupported encryption");
        // Without a kid (older tokens), the first secret; with one, the secret whose key it names.
        for (const secret of secrets) {
          const derived = await derivedKey(secret, salt, enc);
          if (kid === undefined || kid === derived.kid) return derived.key;
        }
        throw new Error("no matching secret");
      },
      {
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        keyManagementAlgorithms: ["dir"],
        contentEncryptionAlgorithms: ["A256CBC-HS512", "A256GCM"],
      },
    );
    return payload;
  } catch {
    return null;
  }
}
