// Access tokens for other services: how fast this app signs them (in this process, the keyring warm, as
// POST /api/token does after its two statements), and how fast the second service in examples/whoami-service
// verifies them — over HTTP with autocannon, its JWKS fetched once from a loopback server and cached, as it would
// be from /.well-known/jwks.json. Run after in-process.ts's configure(): the modules read the environment once.
import { serveKeySet } from "@tests/support/key-set-server";

import { startWhoami } from "../../examples/whoami-service/server.mjs";
import { createVerifier } from "../../examples/whoami-service/verify.mjs";
import { hammer } from "../lib/autocannon";
import { settings } from "../lib/settings";
import { figure, type Figure } from "../lib/stats";

/** How many tokens each mint or verify round makes (a round's rate is tokens over its time). */
const ROUND = settings.smoke ? 50 : 2_000;

async function perSecond(count: number, action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i += 1) await action();
  return count / ((performance.now() - started) / 1000);
}

export async function accessTokenRates(): Promise<Figure[]> {
  const { accessTokenSettings, appKeyring, mintAccessToken } =
    await import("@/features/access-tokens/server/access-token");
  const subject = { userId: "00000000-0000-4000-8000-000000000000", role: "user" as const, sessionId: "bench" };
  const keyring = appKeyring();
  const tokenSettings = accessTokenSettings();
  await mintAccessToken(subject); // the first key, made and opened before anything is timed

  const mints: number[] = [];
  for (let run = 0; run < settings.runs; run += 1) mints.push(await perSecond(ROUND, () => mintAccessToken(subject)));

  const keySet = await serveKeySet(() => keyring.published(new Date()));
  const service = { jwksUrl: keySet.url, issuer: tokenSettings.issuer, audience: tokenSettings.audience };
  const whoami = await startWhoami(service);
  try {
    const { accessToken } = await mintAccessToken(subject);
    const authorization = `Bearer ${accessToken}`;
    const verify = createVerifier(service);
    await verify(authorization); // the JWKS fetched once; every later check uses the cached set
    const verifies: number[] = [];
    const served: number[] = [];
    for (let run = 0; run < settings.runs; run += 1) {
      verifies.push(await perSecond(ROUND, () => verify(authorization)));
      served.push((await hammer(`${whoami.url}/whoami`, { authorization })).requestsPerSecond);
    }
    const note = `one after another in one process, ${ROUND} tokens a round`;
    return [
      figure("mint: sign an ES256 access token (keyring warm)", "tokens/s", mints, undefined, note),
      figure("verify in the second service: jose jwtVerify, JWKS cached", "tokens/s", verifies),
      figure(
        "second service over HTTP: GET /whoami with a bearer token",
        "req/s",
        served,
        undefined,
        `autocannon, ${settings.connections} connections, ${settings.seconds} s`,
      ),
    ];
  } finally {
    await whoami.close();
    await keySet.close();
  }
}
