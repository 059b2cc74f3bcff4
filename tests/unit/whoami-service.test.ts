// examples/whoami-service over real HTTP: a key set served on loopback, the service started against it, and tokens
// made here — the right one, and each way a token can be forged, misdirected or stale. Every refusal is asserted
// beside a success in the same service, so the refusals cannot pass because nothing is ever accepted.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { base64url, exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startWhoami } from "../../examples/whoami-service/server.mjs";

const ISSUER = "http://127.0.0.1:3000";
const AUDIENCE = "whoami";
const KID = "published-key";
const now = () => Math.floor(Date.now() / 1000);

const claims = () => ({
  iss: ISSUER,
  aud: AUDIENCE,
  sub: "5f0c2a1e-8d6b-4c3a-9e7f-1a2b3c4d5e6f",
  role: "user",
  sid: "device-session-1",
  client_id: "edge-jwt-auth",
  iat: now(),
  exp: now() + 300,
  jti: crypto.randomUUID(),
});

type Header = { alg: string; kid?: string; typ?: string };

function sign(key: CryptoKey | Uint8Array, header: Header, payload: JWTPayload = claims()): Promise<string> {
  return new SignJWT(payload).setProtectedHeader(header).sign(key);
}

// Listens on 127.0.0.1 at any free port; resolves to the server and its origin.
function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

let published: CryptoKeyPair;
let stranger: CryptoKeyPair; // a valid ES256 key the app never published
let jwksServer: Server;
let jwksFetches = 0;
let whoami: { url: string; close(): Promise<void> };
const logged: string[] = [];

beforeAll(async () => {
  [published, stranger] = await Promise.all([generateKeyPair("ES256"), generateKeyPair("ES256")]);
  const jwk = { ...(await exportJWK(published.publicKey)), kid: KID, alg: "ES256", use: "sig" };
  jwksServer = createServer((_request, response) => {
    jwksFetches += 1;
    response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
  });
  const jwksOrigin = await listen(jwksServer);
  whoami = await startWhoami({
    jwksUrl: `${jwksOrigin}/.well-known/jwks.json`,
    issuer: ISSUER,
    audience: AUDIENCE,
    log: (line) => logged.push(line),
  });
});

afterAll(async () => {
  await whoami?.close();
  await new Promise((resolve) => jwksServer?.close(resolve));
});

function get(authorization?: string, path = "/whoami", method = "GET") {
  return fetch(`${whoami.url}${path}`, { method, headers: authorization ? { Authorization: authorization } : {} });
}

const validToken = () => sign(published.privateKey, { alg: "ES256", typ: "at+jwt", kid: KID });

async function expectAccepted(token: string) {
  const response = await get(`Bearer ${token}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  return response.json();
}

async function expectRefused(authorization: string | undefined, challenge = 'Bearer error="invalid_token"') {
  const before = logged.length;
  const response = await get(authorization);
  expect(response.status).toBe(401);
  expect(response.headers.get("www-authenticate")).toBe(challenge);
  expect(response.headers.get("content-type")).toBe("application/json");
  const text = await response.text();
  expect(text).not.toMatch(/\bat .+:\d+:\d+|stack|Error:/);
  const body = JSON.parse(text);
  expect(Object.keys(body).sort()).toEqual(["error", "message"]);
  expect(body.error).toBe("invalid_token");
  // One log line per refusal, with the error's code and nothing from the token.
  expect(logged.slice(before)).toEqual([expect.stringMatching(/^whoami: 401 ERR_[A-Z_]+$/)]);
  // The control: this very service, in this very run, still takes the right token.
  await expectAccepted(await validToken());
  return logged.at(before);
}

// A compact JWT from a header and payload of our choosing, with whatever signature segment we like.
const compact = (header: object, payload: object, signature = "") =>
  `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(payload))}.${signature}`;

describe("examples/whoami-service", () => {
  it("answers a valid access token with who it names, until when", async () => {
    const payload = claims();
    const token = await sign(published.privateKey, { alg: "ES256", typ: "at+jwt", kid: KID }, payload);
    expect(await expectAccepted(token)).toEqual({
      sub: payload.sub,
      role: "user",
      sid: "device-session-1",
      expiresAt: new Date(payload.exp * 1000).toISOString(),
    });
  });

  it("takes the Bearer scheme in any case, and typ as at+jwt's media type in any case (RFC 6750, RFC 9068 §4)", async () => {
    const token = await validToken();
    expect((await get(`bearer ${token}`)).status).toBe(200);
    for (const typ of ["application/at+jwt", "AT+JWT"]) {
      await expectAccepted(await sign(published.privateKey, { alg: "ES256", typ, kid: KID }));
    }
  });

  it("refuses a request with no token, or another scheme, with a bare Bearer challenge (RFC 6750 §3.1)", async () => {
    const token = await validToken();
    expect(await expectRefused(undefined, "Bearer")).toBe("whoami: 401 ERR_BEARER_MISSING");
    expect(await expectRefused(`Basic ${btoa("ada:secret")}`, "Bearer")).toBe("whoami: 401 ERR_BEARER_MISSING");
    expect(await expectRefused(`Token ${token}`, "Bearer")).toBe("whoami: 401 ERR_BEARER_MISSING");
  });

  it("refuses a Bearer header that is not exactly one token", async () => {
    const token = await validToken();
    for (const header of ["Bearer", "Bearer ", `Bearer ${token} ${token}`, `Bearer ${token},x`, `Bearer\t${token}`]) {
      expect(await expectRefused(header)).toBe("whoami: 401 ERR_BEARER_MALFORMED");
    }
  });

  it('refuses alg "none" before any key is looked up', async () => {
    const fetchesBefore = jwksFetches;
    const unsigned = compact({ alg: "none", typ: "at+jwt", kid: KID }, claims());
    expect(await expectRefused(`Bearer ${unsigned}`)).toBe("whoami: 401 ERR_JOSE_ALG_NOT_ALLOWED");
    expect(jwksFetches).toBe(fetchesBefore);
  });

  it("refuses HS256 keyed with the published public key (key confusion), as PEM and as JWK JSON", async () => {
    const pem = await exportSPKI(published.publicKey);
    const jwkJson = JSON.stringify({ ...(await exportJWK(published.publicKey)), kid: KID, alg: "ES256", use: "sig" });
    for (const secret of [pem, jwkJson]) {
      const forged = await sign(new TextEncoder().encode(secret), { alg: "HS256", typ: "at+jwt", kid: KID });
      expect(await expectRefused(`Bearer ${forged}`)).toBe("whoami: 401 ERR_JOSE_ALG_NOT_ALLOWED");
    }
  });

  it("refuses a token for another audience or from another issuer", async () => {
    const header = { alg: "ES256", typ: "at+jwt", kid: KID };
    const otherAudience = await sign(published.privateKey, header, { ...claims(), aud: "billing" });
    const otherIssuer = await sign(published.privateKey, header, { ...claims(), iss: "http://127.0.0.1:3001" });
    expect(await expectRefused(`Bearer ${otherAudience}`)).toBe("whoami: 401 ERR_JWT_CLAIM_VALIDATION_FAILED");
    expect(await expectRefused(`Bearer ${otherIssuer}`)).toBe("whoami: 401 ERR_JWT_CLAIM_VALIDATION_FAILED");
  });

  it("refuses a JWT that is not typed as an access token: typ JWT, or none", async () => {
    const typedJwt = await sign(published.privateKey, { alg: "ES256", typ: "JWT", kid: KID });
    const untyped = await sign(published.privateKey, { alg: "ES256", kid: KID });
    expect(await expectRefused(`Bearer ${typedJwt}`)).toBe("whoami: 401 ERR_JWT_CLAIM_VALIDATION_FAILED");
    expect(await expectRefused(`Bearer ${untyped}`)).toBe("whoami: 401 ERR_JWT_CLAIM_VALIDATION_FAILED");
  });

  it("refuses an expired token, and one missing any claim the service relies on", async () => {
    const header = { alg: "ES256", typ: "at+jwt", kid: KID };
    const expired = await sign(published.privateKey, header, { ...claims(), iat: now() - 400, exp: now() - 60 });
    expect(await expectRefused(`Bearer ${expired}`)).toBe("whoami: 401 ERR_JWT_EXPIRED");
    for (const claim of ["sub", "client_id", "iat", "exp", "jti", "role", "sid"] as const) {
      const payload: JWTPayload = claims();
      delete payload[claim];
      const without = await sign(published.privateKey, header, payload);
      expect(await expectRefused(`Bearer ${without}`)).toBe("whoami: 401 ERR_JWT_CLAIM_VALIDATION_FAILED");
    }
  });

  it("refuses an unknown kid without fetching the key set again within jose's 30-s cooldown", async () => {
    await expectAccepted(await validToken()); // the key set has been fetched
    const fetchesBefore = jwksFetches;
    const unknownKid = await sign(stranger.privateKey, { alg: "ES256", typ: "at+jwt", kid: "not-published" });
    expect(await expectRefused(`Bearer ${unknownKid}`)).toBe("whoami: 401 ERR_JWKS_NO_MATCHING_KEY");
    expect(jwksFetches).toBe(fetchesBefore);
  });

  it("refuses a tampered payload (role swapped to admin, signature kept)", async () => {
    const [header, payload, signature] = (await validToken()).split(".");
    const original = JSON.parse(new TextDecoder().decode(base64url.decode(payload!)));
    const admin = base64url.encode(JSON.stringify({ ...original, role: "admin" }));
    const tampered = `${header}.${admin}.${signature}`;
    expect(await expectRefused(`Bearer ${tampered}`)).toBe("whoami: 401 ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
  });

  it("refuses a token signed by another ES256 key that claims the published kid", async () => {
    const impostor = await sign(stranger.privateKey, { alg: "ES256", typ: "at+jwt", kid: KID });
    expect(await expectRefused(`Bearer ${impostor}`)).toBe("whoami: 401 ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
  });

  it("refuses what is not a JWT at all as an invalid token, not a server error", async () => {
    for (const junk of ["abc", "a.b.c", compact({ alg: "ES256", kid: KID }, {}, "AAAA").slice(1)]) {
      expect(await expectRefused(`Bearer ${junk}`)).toMatch(/^whoami: 401 ERR_J(WS|WT)_INVALID$/);
    }
  });

  it("answers 404 elsewhere and 405 to other methods on /whoami, as JSON", async () => {
    const token = await validToken();
    const elsewhere = await get(`Bearer ${token}`, "/whoami/extra");
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.json()).toMatchObject({ error: "not_found" });
    const posted = await get(`Bearer ${token}`, "/whoami", "POST");
    expect(posted.status).toBe(405);
    expect(posted.headers.get("allow")).toBe("GET");
    expect(await posted.json()).toMatchObject({ error: "method_not_allowed" });
  });

  // A service whose key set cannot be had: answers 503 to the right token, and logs why.
  async function askWithoutKeySet(jwksOrigin: string) {
    const lines: string[] = [];
    const jwksUrl = `${jwksOrigin}/.well-known/jwks.json`;
    const orphan = await startWhoami({ jwksUrl, issuer: ISSUER, audience: AUDIENCE, log: (line) => lines.push(line) });
    try {
      const response = await fetch(`${orphan.url}/whoami`, {
        headers: { Authorization: `Bearer ${await validToken()}` },
      });
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        error: "temporarily_unavailable",
        message: "the key set could not be fetched",
      });
      return lines;
    } finally {
      await orphan.close();
    }
  }

  it("answers 503, not 401, when the key set cannot be fetched: the token was never judged", async () => {
    const gone = createServer();
    const goneOrigin = await listen(gone);
    await new Promise((resolve) => gone.close(resolve)); // nothing listens there now: connections are refused
    expect(await askWithoutKeySet(goneOrigin)).toEqual(["whoami: 503 ERR_JWKS_UNAVAILABLE (ECONNREFUSED)"]);

    const failing = createServer((_request, response) => response.writeHead(500).end());
    try {
      expect(await askWithoutKeySet(await listen(failing))).toEqual([
        "whoami: 503 ERR_JWKS_UNAVAILABLE (ERR_JOSE_GENERIC)",
      ]);
    } finally {
      await new Promise((resolve) => failing.close(resolve));
    }
  });

  it("pins the root's jose version in its own package.json, so a copy of the folder runs what was tested", () => {
    const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
    const example = read("../../examples/whoami-service/package.json");
    expect(example.dependencies.jose).toBe(read("../../package.json").dependencies.jose);
    expect(example).toMatchObject({ type: "module", private: true });
  });
});
