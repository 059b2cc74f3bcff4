// Where the app may send a browser next, when the address came from the request (a callbackUrl, a path to come
// back to). Edge-safe and pure: the Edge guard, the server actions, the pages, /session/refresh and Auth.js's
// redirect callback all use this one rule.
//
// The rule: the answer must be a same-origin path AFTER every normalisation a browser or `URL` applies. Checking
// the raw string is not enough: `/.//evil.example`, `/a/..//evil.example` and `/%2e%2e//evil.example` all look
// like paths and all resolve to `//evil.example`, which a browser follows to another site. So the candidate is
// resolved, and the RESULT is checked again and must resolve to itself.
import { HOME_AFTER_SIGN_IN, HOME_PATH } from "@/config/routes";

const MAX_LENGTH = 2048;
const DUMMY_ORIGIN = "http://same.origin";

// A leading slash, then printable ASCII only (U+0021–U+007E) and no backslash: no C0 or C1 control, no DEL, no
// space of any kind, no Unicode at all (look-alike slashes and dots, which some parsers map to ASCII). Browsers
// strip tabs and newlines and read `\` as `/`, so refusing them outright is simpler than predicting the result.
const PLAIN_PATH = /^\/[\x21-\x5b\x5d-\x7e]*$/;

/** `path` resolved the way a browser resolves a Location against this origin; null if it leaves the origin. */
function resolveOnThisOrigin(path: string): string | null {
  let url: URL;
  try {
    url = new URL(path, DUMMY_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== DUMMY_ORIGIN) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** A path that names this origin as it stands: one leading slash, plain characters, already resolved. */
function isSameOriginPath(path: string): boolean {
  return PLAIN_PATH.test(path) && !path.startsWith("//") && resolveOnThisOrigin(path) === path;
}

/**
 * `candidate` when it is a same-origin path (`/x`), resolved (`/a/../b` → `/b`); otherwise `fallback`. Never
 * `//x` (protocol-relative), `/\x`, a scheme, or anything that becomes one of those once resolved.
 */
export function safeCallbackUrl(candidate: unknown, fallback: string = HOME_AFTER_SIGN_IN): string {
  if (typeof candidate !== "string" || candidate.length > MAX_LENGTH || !PLAIN_PATH.test(candidate)) return fallback;
  const resolved = resolveOnThisOrigin(candidate);
  // Checked again after resolving: dot segments and `%2e` are undone by the parser, and can leave `//host`.
  return resolved !== null && isSameOriginPath(resolved) ? resolved : fallback;
}

/**
 * Auth.js's `redirect` callback: where Auth.js may send the browser after sign-in or sign-out (its callbackUrl
 * field, query parameter or cookie). `url` is a path or an absolute URL; `baseUrl` is this app's origin. A
 * same-origin URL is reduced to its path and held to the rule above; anything else goes to `${baseUrl}/`.
 * (Auth.js's default throws on a relative value without a leading slash, and lets `//host` through as a path.)
 */
export function authRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  const home = `${baseUrl}/`;
  if (url.length > MAX_LENGTH) return home;
  if (url.startsWith("/")) return `${baseUrl}${safeCallbackUrl(url, HOME_PATH)}`;
  // The whole absolute URL is held to the same character rule: `URL` would quietly strip tabs and newlines.
  if (!/^[\x21-\x5b\x5d-\x7e]+$/.test(url)) return home;
  let absolute: URL;
  try {
    absolute = new URL(url);
    if (absolute.origin !== new URL(baseUrl).origin) return home;
  } catch {
    return home;
  }
  return `${baseUrl}${safeCallbackUrl(`${absolute.pathname}${absolute.search}${absolute.hash}`, HOME_PATH)}`;
}
