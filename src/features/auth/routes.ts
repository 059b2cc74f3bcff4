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

/** `/admin` covers `/admin` and `/admin/…`, never `/administrator`. */
export function accessFor(pathname: string): Access {
  const rule = RULES.find(({ prefix }) => pathname === prefix || pathname.startsWith(`${prefix}/`));
  return rule?.access ?? { kind: "public" };
}

/**
 * A callbackUrl is followed only when it is a same-origin path: `/x`, never `//x` (protocol-relative), `/\x`
 * (browsers read the backslash as a slash), or anything with a scheme. Everything else goes to the dashboard.
 */
export function safeCallbackUrl(candidate: unknown): string {
  if (typeof candidate !== "string" || candidate.length > 2048) return HOME_AFTER_SIGN_IN;
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return HOME_AFTER_SIGN_IN;
  // Control characters and whitespace can be stripped by browsers into something else; refuse them outright.
  if (/[\u0000-\u001f\u007f\s]/.test(candidate)) return HOME_AFTER_SIGN_IN;
  // Resolve against a dummy origin: anything that escapes it (e.g. through encoded tricks) is refused.
  const resolved = new URL(candidate, "http://same.origin");
  if (resolved.origin !== "http://same.origin") return HOME_AFTER_SIGN_IN;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
