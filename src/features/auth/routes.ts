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
