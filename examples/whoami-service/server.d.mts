// Types for server.mjs, which stays plain JavaScript so it runs with no build step; the tests are TypeScript.
export interface WhoamiOptions {
  /** The app's key set, e.g. http://127.0.0.1:3000/.well-known/jwks.json */
  jwksUrl: string;
  /** The app's origin, exactly as in the tokens' iss */
  issuer: string;
  /** This service's name as the app writes it in aud (the app's ACCESS_TOKEN_AUDIENCE) */
  audience: string;
  /** 0 (the default) takes any free port */
  port?: number;
  host?: string;
  /** One line per refused request; console.warn by default */
  log?: (line: string) => void;
}

export function startWhoami(options: WhoamiOptions): Promise<{ url: string; close(): Promise<void> }>;
