// GET /.well-known/jwks.json: the public keys that verify access tokens (RFC 7517), for any service to fetch.
// Public and cacheable — for less time than a new key waits between being published and signing, so a verifier
// that caches it as long as it is told has the key before the first token names it. Warm, it reads nothing:
// the keyring keeps the rows for a minute.
import "server-only";

import { describeError } from "@/lib/edge/describe-error";
import { serviceUnavailable } from "@/lib/server/json-error";
import { logger } from "@/lib/server/logger";

import { appKeyring } from "./access-token";
import { KEY_SCHEDULE } from "./key-schedule";

export async function getJwks(): Promise<Response> {
  try {
    const keys = await appKeyring().published(new Date());
    return Response.json(
      { keys },
      {
        headers: {
          "Cache-Control": `public, max-age=${KEY_SCHEDULE.jwksMaxAgeSeconds}`,
          // Any origin may read public keys (a browser-side verifier, an API gateway's console).
          "Access-Control-Allow-Origin": "*",
        },
      },
    );
  } catch (error) {
    logger.error({ error: describeError(error) }, "JWKS not served");
    return serviceUnavailable(30, { "Cache-Control": "no-store" });
  }
}
