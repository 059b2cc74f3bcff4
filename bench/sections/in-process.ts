// The figures measured inside this process, against the app's own modules and a real database (embedded, in
// memory, unless DATABASE_URL is set): sign-in cost against a bare bcrypt.compare, and queries per session read
// against the database-session baseline. Import only after configure(): the modules read the environment once.
import { randomBytes, randomUUID } from "node:crypto";

import { settings } from "../lib/settings";
import { atMost, between, figure, none, timed, type Figure } from "../lib/stats";

export function configure(): void {
  process.env.DATABASE_URL = settings.databaseUrl ?? "";
  process.env.PGLITE_DIR = "memory://";
  process.env.BCRYPT_COST = settings.bcryptCost;
  process.env.AUTH_SECRET = randomBytes(32).toString("base64");
  process.env.AUTH_URL = "http://localhost:3000";
  // The sign-in figure makes many wrong guesses on purpose; the throttle would answer them without bcrypt.
  process.env.SIGNIN_FAILURES_PER_EMAIL_AND_IP = "100";
  process.env.SIGNIN_FAILURES_PER_ACCOUNT = "100";
  process.env.SIGNIN_FAILURES_PER_IP = "1000000";
}

const person = (tag: string) => ({
  email: `bench-${tag}-${randomUUID().slice(0, 8)}@example.com`,
  name: `Bench ${tag}`,
});

/** a full authorize() (parse, throttle, lookup, bcrypt) vs a bare bcrypt.compare at the same cost. */
export async function signInCost(): Promise<Figure[]> {
  const { createUser } = await import("@/db/queries");
  const { authorizeCredentials } = await import("@/features/auth/server/authorize");
  const { hashPassword, BCRYPT_COST } = await import("@/features/auth/server/password-hash");
  const { bcryptCompare } = await import("@/features/auth/server/hash-pool");
  const bcrypt = (await import("bcryptjs")).default;

  const password = "correct horse battery staple";
  const hash = await hashPassword(password);
  const [good, wrong] = [person("signin"), person("wrong")];
  await createUser({ ...good, passwordHash: hash, emailVerifiedAt: new Date() });
  await createUser({ ...wrong, passwordHash: hash, emailVerifiedAt: new Date() });
  const request = new Request("http://localhost/api/auth/callback/credentials", {
    headers: { "x-forwarded-for": "203.0.113.7" },
  });
  const signIn = (email: string, secret: string) => authorizeCredentials({ email, password: secret }, request);

  if (!(await signIn(good.email, password))) throw new Error("the benchmark's sign-in failed");
  await signIn("warm-up@example.com", password); // computes the dummy hash once

  const compare: number[] = [];
  const pooled: number[] = [];
  const success: number[] = [];
  const wrongPassword: number[] = [];
  const unknownEmail: number[] = [];
  for (let round = 0; round < settings.signInRounds; round += 1) {
    compare.push(await timed(() => bcrypt.compare(password, hash)));
    pooled.push(await timed(() => bcryptCompare(password, hash)));
    success.push(await timed(() => signIn(good.email, password)));
    wrongPassword.push(await timed(() => signIn(wrong.email, `wrong password ${round}`)));
    unknownEmail.push(await timed(() => signIn(`nobody-${round}-${randomUUID()}@example.com`, password)));
  }
  // authorize() compares on a hashing thread (hash-pool.ts); its overhead is everything around that compare.
  const overhead = success.map((value, index) => value - pooled[index]!);
  const ratios = unknownEmail.map((value, index) => value / wrongPassword[index]!);
  const note = `bcrypt cost ${BCRYPT_COST}, ${settings.signInRounds} interleaved rounds, in one process`;
  return [
    figure("bare bcrypt.compare, on the main thread", "ms", compare, undefined, note),
    figure("bare bcrypt compare, on a hashing thread", "ms", pooled),
    figure("sign-in (authorize: throttle, lookup, bcrypt)", "ms", success),
    figure("sign-in overhead over the hashing thread's compare", "ms", overhead, atMost(25, "ms")),
    figure("wrong password", "ms", wrongPassword),
    figure("unknown email", "ms", unknownEmail),
    figure("unknown email / wrong password", "×", ratios, between(0.9, 1.1)),
  ];
}

/**
 * The session figure's baseline: Auth.js's own session endpoint, in this process, once with the app's config (the session
 * callback reads the token) and once with a bench-only config whose session callback looks the user up — the
 * shape of the database-session pattern. Queries are counted by the db module.
 */
export async function sessionQueries(requests: number): Promise<{ ours: Figure; lookup: Figure }> {
  // @auth/core's Auth() is the engine next-auth's route handlers call; next-auth itself needs a Next server.
  const { Auth } = await import("@auth/core");
  type AuthConfig = Parameters<typeof Auth>[1];
  const { encode } = await import("@auth/core/jwt");
  const { authConfig } = await import("auth.config");
  const { nodeJwt } = await import("@/features/auth/server/node-callbacks");
  const { createUser, getUserById } = await import("@/db/queries");
  const { queryCount } = await import("@/db");
  const { nowInSeconds } = await import("@/features/auth/edge/staleness");

  const user = await createUser({ ...person("session"), passwordHash: "not-used" });
  if (!user) throw new Error("could not create the benchmark's user");
  const token = {
    sub: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    sessionVersion: user.sessionVersion,
    checkedAt: nowInSeconds(),
  };
  const cookieName = "authjs.session-token";
  const cookie = `${cookieName}=${await encode({ token, secret: process.env.AUTH_SECRET!, salt: cookieName })}`;

  // As auth.ts configures it (Credentials is not needed to read a session).
  const ours: AuthConfig = {
    ...authConfig,
    basePath: "/api/auth",
    trustHost: true,
    callbacks: { ...authConfig.callbacks, jwt: nodeJwt },
  };
  const withLookup: AuthConfig = {
    ...ours,
    callbacks: {
      ...ours.callbacks,
      async session(params: Parameters<typeof authConfig.callbacks.session>[0]) {
        const row = await getUserById(params.token.sub ?? ""); // what a database session pays on every read
        return authConfig.callbacks.session({
          ...params,
          token: { ...params.token, name: row?.name, role: row?.role },
        } as typeof params);
      },
    },
  };

  const measure = async (config: AuthConfig) => {
    const perRequest: number[] = [];
    for (let index = 0; index < requests; index += 1) {
      const before = queryCount();
      const response = await Auth(
        new Request("http://localhost:3000/api/auth/session", { headers: { cookie } }),
        config,
      );
      const body = (await response.json()) as { user?: { id?: string } };
      if (body.user?.id !== user.id)
        throw new Error(`the session endpoint did not see the benchmark's user: ${JSON.stringify(body)}`);
      perRequest.push(queryCount() - before);
    }
    return perRequest;
  };
  return {
    ours: figure("GET /api/auth/session, the app's config", "queries", await measure(ours), none),
    lookup: figure(
      "GET /api/auth/session, user looked up in the session callback",
      "queries",
      await measure(withLookup),
    ),
  };
}

/** A signed-in person's token claims, as the app's jwt callback writes them. */
function benchClaims(checkedAt: number) {
  return { sub: randomUUID(), name: "Bench", email: "bench@example.com", role: "user", sessionVersion: 1, checkedAt };
}

/**
 * The Edge guard's own time per request, src/middleware.ts called in this process (Node's Web Crypto, as
 * `npm start` runs it): a client navigation to a public page (no session read), a signed-in page load of
 * /dashboard with a token read before (the usual case: a browser sends the same cookie until it is re-set) and
 * with a token never seen (one decryption), and a signed-out one (a redirect to sign in).
 */
export async function guardCost(): Promise<Figure[]> {
  const { default: middleware } = await import("@/middleware");
  const { NextRequest } = await import("next/server");
  const { encode } = await import("@auth/core/jwt");
  const { nowInSeconds } = await import("@/features/auth/edge/staleness");
  const name = "authjs.session-token";
  const calls = settings.smoke ? 50 : 2_000;
  const sessionCookie = async () => {
    const claims = benchClaims(nowInSeconds());
    return `${name}=${await encode({ token: claims, secret: process.env.AUTH_SECRET!, salt: name })}`;
  };
  const known = await sessionCookie();
  const pageLoad = (cookie?: string) => () => ({ "sec-fetch-dest": "document", ...(cookie ? { cookie } : {}) });
  const cases: Array<[string, string, () => Record<string, string>, number, () => Promise<void>]> = [
    ["public page, client navigation (no session read)", "/", () => ({ rsc: "1" }), 200, async () => {}],
    ["/dashboard page load, signed in, a token read before", "/dashboard", pageLoad(known), 200, async () => {}],
    [
      "/dashboard page load, signed in, a token never seen (one decryption)",
      "/dashboard",
      () => pageLoad(fresh.pop())(),
      200,
      async () => {
        fresh.push(...(await Promise.all(Array.from({ length: calls + 100 }, sessionCookie))));
      },
    ],
    ["/dashboard page load, signed out (a redirect to sign in)", "/dashboard", pageLoad(), 307, async () => {}],
  ];
  const fresh: string[] = [];
  const figures: Figure[] = [];
  for (const [label, path, headers, status, prepare] of cases) {
    const call = async () => {
      const response = await middleware(new NextRequest(`http://localhost:3000${path}`, { headers: headers() }));
      if (response.status !== status) throw new Error(`${label}: the guard answered ${response.status}`);
    };
    const perCall: number[] = [];
    for (let run = 0; run < settings.runs; run += 1) {
      await prepare();
      for (let i = 0; i < 100; i += 1) await call(); // warm-up
      perCall.push(
        (await timed(async () => {
          for (let i = 0; i < calls; i += 1) await call();
        })) / calls,
      );
    }
    figures.push(figure(`Edge guard's own time: ${label}`, "ms", perCall));
  }
  return figures;
}

/**
 * What one session read costs inside Auth.js (in this process, at this project's versions): its decode and its
 * encode — the session endpoint does both, to re-issue the cookie — and their parts. Each derives its key (HKDF)
 * and the key's id (a SHA-512 JWK thumbprint) again on every call, then decrypts or encrypts through jose, which
 * since version 6 does all its cryptography with Web Crypto.
 */
export async function authJsSessionParts(): Promise<Figure[]> {
  const { decode, encode } = await import("@auth/core/jwt");
  const { hkdf } = await import("@panva/hkdf");
  const { base64url, calculateJwkThumbprint, EncryptJWT, jwtDecrypt } = await import("jose");
  const secret = process.env.AUTH_SECRET!;
  const salt = "authjs.session-token";
  const claims = benchClaims(1);
  const token = await encode({ token: claims, secret, salt });
  const key = await hkdf("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64);
  const calls = settings.smoke ? 20 : 1_000;
  const parts: Array<[string, () => Promise<unknown>]> = [
    ["Auth.js decode (the whole call)", () => decode({ token, secret, salt })],
    ["Auth.js encode (the whole call)", () => encode({ token: claims, secret, salt })],
    [
      "… its key derivation (HKDF), each call",
      () => hkdf("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64),
    ],
    [
      "… its key id (SHA-512 JWK thumbprint), each call",
      () => calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, "sha512"),
    ],
    [
      "… jose's decryption, the key given",
      () =>
        jwtDecrypt(token, key, { keyManagementAlgorithms: ["dir"], contentEncryptionAlgorithms: ["A256CBC-HS512"] }),
    ],
    [
      "… jose's encryption, the key given",
      () =>
        new EncryptJWT(claims)
          .setProtectedHeader({ alg: "dir", enc: "A256CBC-HS512" })
          .setExpirationTime("30d")
          .encrypt(key),
    ],
  ];
  const figures: Figure[] = [];
  for (const [label, part] of parts) {
    for (let i = 0; i < 100; i += 1) await part(); // warm-up
    const perCall: number[] = [];
    for (let run = 0; run < settings.runs; run += 1)
      perCall.push(
        (await timed(async () => {
          for (let i = 0; i < calls; i += 1) await part();
        })) / calls,
      );
    figures.push(figure(label, "ms", perCall));
  }
  return figures;
}
