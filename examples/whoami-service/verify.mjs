// Verifies the app's access tokens (RFC 9068 JWTs) the way a second service should: every check that decides
// whether a token is the app's, for this service, unexpired and untampered, is pinned here and nowhere chosen by the
// token itself (RFC 8725 §3.1: algorithm; §3.11: explicit typing; §3.8–3.9: issuer and audience).
import { createRemoteJWKSet, errors, jwtVerify } from "jose";

// RFC 6750 §2.1: the scheme is case-insensitive (RFC 9110 §11.1), then exactly one b64token.
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
// What jose throws when the key set could not be had at all (unreachable, not 200, not a key set): the token was
// never judged, so the service answers 503, not 401 — a client told 401 would throw a good token away.
const KEY_SET_FAILURES = new Set(["ERR_JWKS_TIMEOUT", "ERR_JWKS_INVALID", "ERR_JOSE_GENERIC"]);

/** No bearer token to judge, or no key set to judge it with; `code` reads like jose's, so the log has one kind. */
export class VerifierError extends Error {
  constructor(code, message, options) {
    super(message, options);
    this.code = code;
  }
}

function bearerToken(authorization) {
  // No credentials, or another scheme: RFC 6750 §3.1 says the challenge then carries no error code.
  if (!authorization || !/^bearer(\s|$)/i.test(authorization)) {
    throw new VerifierError("ERR_BEARER_MISSING", "a bearer access token is required");
  }
  const match = BEARER.exec(authorization);
  if (!match) throw new VerifierError("ERR_BEARER_MALFORMED", "the Authorization header must be Bearer and one token");
  return match[1];
}

export function createVerifier({ jwksUrl, issuer, audience }) {
  // Fetched on first use, cached for 10 minutes, fetched again early for an unknown kid at most every 30 s.
  const jwks = createRemoteJWKSet(new URL(jwksUrl));
  return async (authorization) => {
    const token = bearerToken(authorization);
    try {
      const { payload } = await jwtVerify(token, jwks, {
        algorithms: ["ES256"], // never "none", never HS256 keyed with the public key
        issuer,
        audience,
        typ: "at+jwt", // an ID token or any other JWT from the same issuer is not an access token
        requiredClaims: ["sub", "client_id", "iat", "exp", "jti", "role", "sid"],
        clockTolerance: 5, // two hosts' clocks disagree a little; 5 s of a 300-s token
      });
      return payload;
    } catch (error) {
      if (error instanceof errors.JOSEError && !KEY_SET_FAILURES.has(error.code)) throw error;
      throw new VerifierError("ERR_JWKS_UNAVAILABLE", "the key set could not be fetched", { cause: error });
    }
  };
}
