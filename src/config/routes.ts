// Which routes need what. Edge-safe and pure: the middleware decides from this table, and the server-side checks
// and tests read the same one, so the two layers cannot drift apart.
import type { Role } from "./roles";

export const SIGN_IN_PATH = "/login";
export const HOME_AFTER_SIGN_IN = "/dashboard";

type Access =
  | { kind: "public" }
  | { kind: "guest-only" } // sign-in and sign-up: signed-in people go to the dashboard
  | { kind: "signed-in"; role?: Role; api: boolean };

const RULES: ReadonlyArray<{ prefix: string; access: Access }> = [
  { prefix: "/admin", access: { kind: "signed-in", role: "admin", api: false } },
  { prefix: "/dashboard", access: { kind: "signed-in", api: false } },
  { prefix: "/profile", access: { kind: "signed-in", api: false } },
  { prefix: "/settings", access: { kind: "signed-in", api: false } },
  { prefix: "/api/me", access: { kind: "signed-in", api: true } },
  { prefix: "/login", access: { kind: "guest-only" } },
  { prefix: "/register", access: { kind: "guest-only" } },
];

/** The prefixes the Edge guard decides for (every other route is public). */
export const GUARDED_PREFIXES: readonly string[] = RULES.map(({ prefix }) => prefix);

/**
 * Routes the middleware never runs for: they need neither a decision nor a CSP nonce (no page renders there).
 * Auth.js's endpoints check their own sessions and CSRF tokens, the health check needs no session, and
 * /.well-known/* is public metadata.
 */
export const SESSION_FREE_PREFIXES: readonly string[] = ["/api/auth", "/api/health", "/.well-known"];

/** `/admin` covers `/admin` and `/admin/…`, never `/administrator`. */
export function accessFor(pathname: string): Access {
  const rule = RULES.find(({ prefix }) => pathname === prefix || pathname.startsWith(`${prefix}/`));
  return rule?.access ?? { kind: "public" };
}
