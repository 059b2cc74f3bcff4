// Types for verify.mjs, which stays plain JavaScript so it runs with no build step; the benchmark is TypeScript.
import type { JWTPayload } from "jose";

export interface VerifierOptions {
  /** The app's key set, e.g. http://127.0.0.1:3000/.well-known/jwks.json */
  jwksUrl: string;
  /** The app's origin, exactly as in the tokens' iss */
  issuer: string;
  /** This service's name as the app writes it in aud (the app's ACCESS_TOKEN_AUDIENCE) */
  audience: string;
}

/** Resolves with the token's claims for a valid `Authorization: Bearer …` header; throws for anything else. */
export function createVerifier(options: VerifierOptions): (authorization: string | undefined) => Promise<JWTPayload>;

export class VerifierError extends Error {
  code: string;
}
