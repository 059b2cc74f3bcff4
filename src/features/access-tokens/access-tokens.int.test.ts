// Access tokens against a real database: minting through POST /api/token's handler (same-origin, throttled, the
// session re-checked), the JWKS, rotation end to end with the example service in examples/whoami-service
// verifying over HTTP, and AUTH_SECRET rotation. Times are passed in (`now`), so a rotation's fifteen minutes
// and a token's five pass without waiting.
import { eq } from "drizzle-orm";
import {
  createLocalJWKSet,
  decodeProtectedHeader,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWTHeaderParameters,
  type JWTPayload,
} from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { POST } from "@/app/api/token/route";
import { getDb, queryCount } from "@/db";
import { revokeDeviceSession } from "@/db/device-sessions";
import { signingKeys, users, type User } from "@/db/schema";
import { ACCESS_TOKENS_PER_MINUTE } from "@/features/auth/server/throttle";
import { appOrigin } from "@/features/mail/server/app-url";
import { actAs, actSignedOut } from "@tests/support/action-request";
import { serveKeySet, type KeySetServer } from "@tests/support/key-set-server";
import { createPerson } from "@tests/support/users";

import { startWhoami } from "../../../examples/whoami-service/server.mjs";
import { accessTokenSettings, mintAccessToken } from "./server/access-token";
import { getJwks } from "./server/jwks-endpoint";
import { KEY_SCHEDULE } from "./server/key-schedule";
import { Keyring } from "./server/keyring";

vi.mock("next/headers", async (original) => ({
  ...(await original()),
  ...(await import("@tests/support/action-request")).nextHeaders,
}));

const SECRET_A = "first-secret-of-the-list-0123456789abcdef";
const SECRET_B = "second-secret-of-the-list-0123456789abcdef";
const TTL = 300;
const settings = { ...accessTokenSettings(), ttlSeconds: TTL };
const seconds = (from: Date, count: number) => new Date(from.getTime() + count * 1000);

const person = (role: User["role"] = "user"): Promise<User> => createPerson("token", { name: "Grace Hopper", role });

/** POST /api/token as the page's own script would send it (or with `headers` instead). */
function tokenRequest(headers: Record<string, string> = { origin: appOrigin() }): Request {
  return new Request(new URL("/api/token", appOrigin()), { method: "POST", headers });
}

/** The route itself (withApiUser around the handler), as the signed-in person `actAs` set up. */
async function postAs(_user: User, headers?: Record<string, string>) {
  const response = await POST(tokenRequest(headers));
  return { response, body: (await response.json()) as Record<string, unknown> };
}

/** What the app's own JWKS route answers. */
async function appJwks(): Promise<JSONWebKeySet> {
  return (await (await getJwks()).json()) as JSONWebKeySet;
}

beforeEach(async () => {
  const db = await getDb();
  await db.delete(signingKeys); // each test starts before the first key
  (globalThis as { __accessTokenKeyring?: unknown }).__accessTokenKeyring = undefined;
});

describe("POST /api/token", () => {
  it("mints an ES256 at+jwt that the JWKS verifies, with the claims RFC 9068 asks for and no more", async () => {
    const user = await person();
    const sid = await actAs(user);
    const { response, body } = await postAs(user);

    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(body).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 300 });
    const token = body.access_token as string;
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(await appJwks()), {
      algorithms: ["ES256"],
      issuer: appOrigin(),
      audience: "api",
      typ: "at+jwt",
    });
    expect(protectedHeader).toEqual({ alg: "ES256", typ: "at+jwt", kid: expect.any(String) });
    expect(payload).toEqual({
      iss: appOrigin(),
      aud: "api",
      sub: user.id,
      role: "user",
      sid,
      client_id: appOrigin(),
      iat: expect.any(Number),
      exp: (payload.iat ?? 0) + 300,
      jti: expect.any(String),
    });
    // Nothing a service should not see: no email, no name, nothing of the session cookie.
    expect(JSON.stringify(payload)).not.toContain(user.email);
  });

  it("refuses a request from another origin, or with neither Origin nor Fetch Metadata, and mints nothing", async () => {
    const user = await person();
    await actAs(user);
    const refused: Array<Record<string, string>> = [
      { origin: "https://evil.example" },
      { origin: "null" },
      { origin: appOrigin().replace("http:", "https:") },
      {},
      { "sec-fetch-site": "same-site" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of refused) {
      const { response, body } = await postAs(user, headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(body).toEqual({ error: "cross_origin", message: expect.any(String) });
    }
    // A browser that sends Fetch Metadata but no Origin on a same-origin request is let through.
    expect((await postAs(user, { "sec-fetch-site": "same-origin" })).response.status).toBe(200);
  });

  it("answers 401 to a signed-out request, and to a session signed out elsewhere before its token is re-checked", async () => {
    const user = await person();
    actSignedOut();
    expect((await postAs(user)).response.status).toBe(401);

    const sid = await actAs(user);
    expect((await postAs(user)).response.status).toBe(200);
    await revokeDeviceSession(user.id, sid, new Date());
    const { response, body } = await postAs(user);
    expect(response.status).toBe(401);
    expect(body).toEqual({ error: "unauthorized", message: expect.any(String) });
  });

  it("costs two statements (the session's throttle, the session re-checked), however old the cookie's last check", async () => {
    const user = await person();
    await actAs(user);
    await postAs(user); // the first key made, and the keys read, before counting
    for (const checkedAt of [Math.floor(Date.now() / 1000), Math.floor(Date.now() / 1000) - 3_600]) {
      await actAs(user, { checkedAt });
      const before = queryCount();
      expect((await postAs(user)).response.status).toBe(200);
      expect(queryCount() - before, `checked ${checkedAt}`).toBe(2);
    }
  });

  it("mints with the role the person has now, not the one the session cookie remembers", async () => {
    const admin = await person("admin");
    await actAs(admin); // the cookie says admin
    const db = await getDb();
    await db.update(users).set({ role: "user" }).where(eq(users.id, admin.id)); // demoted since

    const { body } = await postAs(admin);
    const { payload } = await jwtVerify(body.access_token as string, createLocalJWKSet(await appJwks()));
    expect(payload.role).toBe("user");
  });

  it(`throttles one device session to ${ACCESS_TOKENS_PER_MINUTE} tokens a minute, not the person's other sessions`, async () => {
    const user = await person();
    await actAs(user);
    for (let i = 0; i < ACCESS_TOKENS_PER_MINUTE; i += 1) expect((await postAs(user)).response.status).toBe(200);
    const { response, body } = await postAs(user);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(body).toEqual({ error: "too_many_requests", message: expect.stringContaining("Try again") });

    await actAs(user); // another device
    expect((await postAs(user)).response.status).toBe(200);
  });
});

describe("GET /.well-known/jwks.json", () => {
  it("publishes public keys only, cacheable for less than the publish delay, and reads nothing when warm", async () => {
    const user = await person();
    await actAs(user);
    await postAs(user); // the first token makes the first key

    const response = await getJwks();
    expect(response.headers.get("cache-control")).toBe(`public, max-age=${KEY_SCHEDULE.jwksMaxAgeSeconds}`);
    const { keys } = (await response.json()) as JSONWebKeySet;
    expect(keys).toEqual([
      {
        kty: "EC",
        crv: "P-256",
        x: expect.any(String),
        y: expect.any(String),
        kid: expect.any(String),
        alg: "ES256",
        use: "sig",
      },
    ]);
    expect(keys[0]).not.toHaveProperty("d"); // the private part

    const before = queryCount();
    await getJwks();
    await getJwks();
    expect(queryCount() - before).toBe(0);
  });

  it("is an empty set before the first key, not an error", async () => {
    expect(await appJwks()).toEqual({ keys: [] });
  });
});

describe("rotation, verified by the example service over HTTP", () => {
  let keySet: KeySetServer;
  let whoami: { url: string; close: () => Promise<void> };
  /** The time the JWKS server answers for (a test's clock); the keyring decides, as the app's route does. */
  let jwksNow = new Date();
  let keyring: Keyring;

  // Each test starts with an empty table (the file's beforeEach), so with a keyring that has cached nothing either.
  beforeEach(() => {
    keyring = new Keyring({ secrets: [SECRET_A], tokenTtlSeconds: TTL });
  });

  beforeAll(async () => {
    keySet = await serveKeySet(() => keyring.published(jwksNow));
    whoami = await startWhoami({
      jwksUrl: keySet.url,
      issuer: settings.issuer,
      audience: settings.audience,
      log: () => {}, // each refusal is asserted on its answer
    });
  });

  afterAll(async () => {
    await whoami?.close();
    await keySet?.close();
  });

  /** Another instance of the service, with nothing cached (the caller closes it). */
  const freshWhoami = () =>
    startWhoami({
      jwksUrl: keySet.url,
      issuer: settings.issuer,
      audience: settings.audience,
      log: () => {},
    });

  const whoIs = (token: string) => fetch(`${whoami.url}/whoami`, { headers: { authorization: `Bearer ${token}` } });

  it("token A under key 1, rotate, token B under key 2: both verify until A expires, then key 1 leaves the JWKS", async () => {
    const user = await person();
    const subject = { userId: user.id, role: user.role, sessionId: "a-device-session" };
    // The timeline ends now, so the tokens are valid by the service's own (real) clock.
    const now = new Date();
    const rotatedAt = seconds(now, -KEY_SCHEDULE.publishDelaySeconds);
    const keyOneMade = seconds(rotatedAt, -600);

    const first = await mintAccessToken(subject, { keyring, settings, now: keyOneMade });
    const keyOne = decodeProtectedHeader(first.accessToken).kid;
    const { added } = await keyring.rotate(rotatedAt);
    const keyTwo = added?.kid;
    expect(keyTwo).toBeDefined();
    expect(keyTwo).not.toBe(keyOne);

    // Published at once, so a verifier caching the JWKS has it before it signs.
    jwksNow = rotatedAt;
    expect((await keyring.published(rotatedAt)).map((key) => key.kid)).toEqual([keyOne, keyTwo]);
    // Until the delay has passed, key 1 still signs.
    const tokenA = await mintAccessToken(subject, { keyring, settings, now: seconds(now, -60) });
    expect(decodeProtectedHeader(tokenA.accessToken).kid).toBe(keyOne);
    const tokenB = await mintAccessToken(subject, { keyring, settings, now });
    expect(decodeProtectedHeader(tokenB.accessToken).kid).toBe(keyTwo);

    jwksNow = now;
    for (const token of [tokenA.accessToken, tokenB.accessToken]) {
      const answer = await whoIs(token);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ sub: user.id, role: "user", sid: "a-device-session" });
    }

    // Key 1's last token (issued at the handover, `now`) expires TTL later; with the skew allowed, it is gone.
    const published = async (at: Date) => (await keyring.published(at)).map((key) => key.kid);
    expect(await published(seconds(now, TTL))).toEqual([keyOne, keyTwo]);
    expect(await published(seconds(now, TTL + KEY_SCHEDULE.clockSkewSeconds))).toEqual([keyTwo]);
  });

  it("a revoked key leaves the JWKS at once, and a service that has not cached it refuses its tokens", async () => {
    const user = await person();
    const subject = { userId: user.id, role: user.role, sessionId: "another-device" };
    const now = new Date();
    const old = await mintAccessToken(subject, { keyring, settings, now: seconds(now, -30) });
    const oldKid = decodeProtectedHeader(old.accessToken).kid!;
    await keyring.rotate(seconds(now, -20), { immediately: true }); // the leak: a replacement signs at once
    expect(await keyring.revoke(oldKid, seconds(now, -10))).toBe("revoked");

    jwksNow = now;
    expect((await keyring.published(now)).map((key) => key.kid)).not.toContain(oldKid);
    const fresh = await freshWhoami();
    try {
      const refused = await fetch(`${fresh.url}/whoami`, { headers: { authorization: `Bearer ${old.accessToken}` } });
      expect(refused.status).toBe(401);
      const replacement = await mintAccessToken(subject, { keyring, settings, now });
      const accepted = await fetch(`${fresh.url}/whoami`, {
        headers: { authorization: `Bearer ${replacement.accessToken}` },
      });
      expect(accepted.status).toBe(200);
    } finally {
      await fresh.close();
    }
  });

  it("refuses every token this app did not mint for it, and accepts the one it did", async () => {
    const user = await person();
    const subject = { userId: user.id, role: user.role, sessionId: "forgery-target" };
    const now = new Date();
    jwksNow = now;
    const genuine = (await mintAccessToken(subject, { keyring, settings, now })).accessToken;
    const { kid, privateKey } = await keyring.signer(now);
    const [header = "", payload = "", signature = ""] = genuine.split(".");
    const json = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString()) as Record<string, unknown>;
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const published = (await keyring.published(now)).find((key) => key.kid === kid);
    const stranger = await generateKeyPair("ES256");
    /** The app's own key and claims, with one thing changed. */
    const signed = (
      protectedHeader: JWTHeaderParameters,
      claims: JWTPayload = json(payload),
      key: CryptoKey = privateKey,
    ) => new SignJWT(claims).setProtectedHeader(protectedHeader).sign(key);

    const forgeries: Record<string, string> = {
      "for another audience": (
        await mintAccessToken(subject, { keyring, settings: { ...settings, audience: "billing" }, now })
      ).accessToken,
      "from another issuer": (
        await mintAccessToken(subject, { keyring, settings: { ...settings, issuer: "https://evil.example" }, now })
      ).accessToken,
      expired: (await mintAccessToken(subject, { keyring, settings, now: seconds(now, -TTL - 10) })).accessToken,
      "typ JWT": await signed({ alg: "ES256", typ: "JWT", kid }),
      "no typ": await signed({ alg: "ES256", kid }),
      "payload changed to admin": `${header}.${part({ ...json(payload), role: "admin" })}.${signature}`,
      "alg none": `${part({ ...json(header), alg: "none" })}.${payload}.`,
      "HS256 keyed with the published public key": await new SignJWT(json(payload))
        .setProtectedHeader({ alg: "HS256", typ: "at+jwt", kid })
        .sign(new TextEncoder().encode(JSON.stringify(published))),
      "unknown kid": await signed(
        { alg: "ES256", typ: "at+jwt", kid: "not-a-published-key" },
        json(payload),
        stranger.privateKey,
      ),
      "another key under the published kid": await signed(
        { alg: "ES256", typ: "at+jwt", kid },
        json(payload),
        stranger.privateKey,
      ),
    };
    // A service that fetches the key set now (the shared one cached it during an earlier test, before this key).
    const service = await freshWhoami();
    const ask = (token: string) => fetch(`${service.url}/whoami`, { headers: { authorization: `Bearer ${token}` } });
    try {
      expect((await ask(genuine)).status).toBe(200);
      for (const [what, token] of Object.entries(forgeries)) {
        const answer = await ask(token);
        expect(answer.status, what).toBe(401);
        expect(await answer.json(), what).toEqual({ error: "invalid_token", message: expect.any(String) });
      }
      expect((await ask(genuine)).status).toBe(200);
    } finally {
      await service.close();
    }
  });

  it("will not revoke the key that signs now (rotate first), nor one that does not exist", async () => {
    const now = new Date();
    const user = await person();
    const token = await mintAccessToken(
      { userId: user.id, role: user.role, sessionId: "s" },
      { keyring: new Keyring({ secrets: [SECRET_A], tokenTtlSeconds: TTL }), settings, now },
    );
    const kid = decodeProtectedHeader(token.accessToken).kid!;
    expect(await keyring.revoke(kid, now)).toBe("signing");
    expect(await keyring.revoke("no-such-key", now)).toBe("unknown");
  });
});

describe("keys over time and across instances", () => {
  const subject = { userId: "00000000-0000-4000-8000-000000000000", role: "user" as const, sessionId: "s" };
  const kidOf = async (ring: Keyring, now: Date) =>
    decodeProtectedHeader((await mintAccessToken(subject, { keyring: ring, settings, now })).accessToken).kid;

  it("rotates on its own after 30 days, publishing the next key first, when nobody runs keys:rotate", async () => {
    const ring = new Keyring({ secrets: [SECRET_A], tokenTtlSeconds: TTL });
    const start = new Date();
    const first = await kidOf(ring, start);
    const due = seconds(start, KEY_SCHEDULE.rotationSeconds - KEY_SCHEDULE.publishDelaySeconds);
    expect(await kidOf(ring, due)).toBe(first); // the next key is published now, and does not sign yet
    expect(await ring.published(due)).toHaveLength(2);
    const next = await kidOf(ring, seconds(due, KEY_SCHEDULE.publishDelaySeconds));
    expect(next).not.toBe(first);
  });

  it("two instances minting at once agree on one key, and a racing rotation adds one key, not two", async () => {
    const now = new Date();
    const one = new Keyring({ secrets: [SECRET_A], tokenTtlSeconds: TTL });
    const two = new Keyring({ secrets: [SECRET_A], tokenTtlSeconds: TTL });
    const [a, b] = await Promise.all([kidOf(one, now), kidOf(two, now)]);
    expect(a).toBe(b);

    const due = seconds(now, KEY_SCHEDULE.rotationSeconds);
    await Promise.all([kidOf(one, due), kidOf(two, due)]);
    const db = await getDb();
    expect(await db.select().from(signingKeys)).toHaveLength(2);
  });

  it("keeps signing with the same key through an AUTH_SECRET rotation, and after the old secret is gone", async () => {
    const now = new Date();
    const before = await kidOf(new Keyring({ secrets: [SECRET_A], tokenTtlSeconds: TTL }), now);
    // The new secret first, the old one kept: the same key opens, and signs.
    const rotated = new Keyring({ secrets: [SECRET_B, SECRET_A], tokenTtlSeconds: TTL });
    expect(await kidOf(rotated, now)).toBe(before);
    // `npm run keys:rotate` seals every key under the new secret; then the old secret can leave the list.
    expect(await rotated.reseal(now)).toEqual({ resealed: 1, unreadable: [] });
    const afterwards = new Keyring({ secrets: [SECRET_B], tokenTtlSeconds: TTL });
    expect(await kidOf(afterwards, now)).toBe(before);
    const db = await getDb();
    expect(await db.select().from(signingKeys)).toHaveLength(1);
  });

  it("replaces a key no secret of the list opens (AUTH_SECRET replaced, not rotated), rather than failing", async () => {
    const now = new Date();
    const before = await kidOf(new Keyring({ secrets: [SECRET_A], tokenTtlSeconds: TTL }), now);
    const replaced = new Keyring({ secrets: [SECRET_B], tokenTtlSeconds: TTL });
    const after = await kidOf(replaced, now);
    expect(after).not.toBe(before);
    // The old key stays published until its tokens have expired; the new one is there at once.
    expect((await replaced.published(now)).map((key) => key.kid)).toEqual([before, after]);
  });

  it("never stores a private key in the clear", async () => {
    const now = new Date();
    await kidOf(new Keyring({ secrets: [SECRET_A], tokenTtlSeconds: TTL }), now);
    const db = await getDb();
    const [row] = await db.select().from(signingKeys);
    expect(row?.publicJwk).not.toHaveProperty("d");
    expect(row?.sealedPrivateJwk.split(".")).toHaveLength(5); // a compact JWE
    expect(row?.sealedPrivateJwk).not.toContain('"d"');
  });
});
