// Every path of the app, and who may open which. Edge-safe and pure: the Edge guard, the pages' server-side check
// (requirePage), the API handlers' (withApiUser) and the navbar all read ROUTES, and all decide through
// `admission`, so the layers cannot disagree. Adding a protected page is one entry here and one page file that
// calls `requirePage(ROUTES.<its entry>)`; src/app/route-registry.test.ts fails until both exist and agree.
import { hasAtLeast, LOWEST_ROLE, type Role } from "./roles";

/** Who may open a route. A signed-in route admits its minimum role and every role ranked above it. */
export type Access = { kind: "public" } | { kind: "guest-only" } | { kind: "signed-in"; minimumRole: Role };

export interface RouteEntry {
  /** The route and everything below it: `/admin` covers `/admin` and `/admin/…`, never `/administrator`. */
  readonly path: string;
  readonly access: Access;
  /** An API answers refusals with JSON (401, 403); a page redirects to sign in, or shows the 403 page. */
  readonly api: boolean;
  /** Its link in the navbar, shown to whoever may open it. `callToAction` marks the one link drawn as a button. */
  readonly nav?: { readonly label: string; readonly callToAction?: boolean };
  /**
   * The database statements one request runs — a view of the page, a call of the API — declared here only: the data
   * it exists to show, plus the live role check of a page above the lowest role (checksRoleLive). Absent means 0,
   * what every plain signed-in request costs for auth. tests/e2e/zero-queries.test.ts sends each route a request
   * and counts; the other tests, docs/flow.md's trace and the bench read the figure from here (readsOf).
   */
  readonly reads?: number;
  /** A route that only sends its visitor on (an area's first page): where to. It reads nothing itself. */
  readonly landsOn?: string;
  /**
   * The APIs its page asks once it is on screen (a card that loads itself): a view in a browser costs their reads
   * too (readsInBrowser), while the page's own request stays at `reads`.
   */
  readonly loads?: readonly string[];
}

const signedIn = (minimumRole: Role = LOWEST_ROLE) => ({ kind: "signed-in", minimumRole }) as const;
const GUEST_ONLY = { kind: "guest-only" } as const; // sign-in and sign-up: signed-in people go to the dashboard
const PUBLIC = { kind: "public" } as const; // the pages a mailed link opens: whoever holds the link

// The order is the navbar's.
export const ROUTES = {
  // The role checked live (1) and the users table (1).
  admin: { path: "/admin", access: signedIn("admin"), api: false, nav: { label: "Admin" }, reads: 2 },
  // Nothing itself; its security checkup card asks /api/me/security (below) once shown.
  dashboard: { path: "/dashboard", access: signedIn(), api: false, loads: ["/api/me/security"] },
  // The profile as stored (1): its fields need not be in the token (src/features/profile).
  profile: { path: "/profile", access: signedIn(), api: false, nav: { label: "Profile" }, reads: 1 },
  // The settings area: /settings itself opens its first page; each page below reads only what it shows
  // (src/features/settings/shared/pages.ts lists them, in the order of the area's navigation).
  settings: {
    path: "/settings",
    access: signedIn(),
    api: false,
    nav: { label: "Settings" },
    landsOn: "/settings/account",
  },
  // Password, email, delete: what their re-authentication asks and whether the address is proven (1).
  settingsAccount: { path: "/settings/account", access: signedIn(), api: false, reads: 1 },
  // Two-factor's state with what re-authentication asks (1), and the passkeys (1).
  settingsSecurity: { path: "/settings/security", access: signedIn(), api: false, reads: 2 },
  // The signed-in browsers (1).
  settingsDevices: { path: "/settings/devices", access: signedIn(), api: false, reads: 1 },
  // One page of the security events (1).
  settingsActivity: { path: "/settings/activity", access: signedIn(), api: false, reads: 1 },
  me: { path: "/api/me", access: signedIn(), api: true },
  // The dashboard's security checkup (src/features/security-checkup), fetched by its card after the page is
  // shown, so the dashboard itself stays a page that reads nothing: the account's facts in one statement (1).
  securityCheckup: { path: "/api/me/security", access: signedIn(), api: true, reads: 1 },
  // Access tokens for other services (POST): src/features/access-tokens. A token outlives any revocation, so it is
  // minted only for a session live now: the session's throttle (1) and the session re-checked with its role (1).
  accessToken: { path: "/api/token", access: signedIn(), api: true, reads: 2 },
  signIn: { path: "/login", access: GUEST_ONLY, api: false, nav: { label: "Sign in" } },
  // Sign-in's second step, after a correct password when two-factor is on: still signed out until it is done.
  twoFactor: { path: "/login/two-factor", access: GUEST_ONLY, api: false },
  register: { path: "/register", access: GUEST_ONLY, api: false, nav: { label: "Create account", callToAction: true } },
  forgotPassword: { path: "/forgot-password", access: GUEST_ONLY, api: false },
  resetPassword: { path: "/reset-password", access: PUBLIC, api: false },
  verifyEmail: { path: "/verify-email", access: PUBLIC, api: false },
  cancelEmailChange: { path: "/cancel-email-change", access: PUBLIC, api: false },
} as const satisfies Record<string, RouteEntry>;

export type RouteName = keyof typeof ROUTES;
/** A page only signed-in people open: what requirePage takes. */
export type ProtectedPage = RouteEntry & { access: { kind: "signed-in" }; api: false };
/** An API only signed-in people call: what withApiUser takes. */
export type ProtectedApi = RouteEntry & { access: { kind: "signed-in" }; api: true };

const ENTRIES: readonly RouteEntry[] = Object.values(ROUTES);

// The paths that are not entries: public, or answered by Auth.js or the Node runtime on the guard's behalf.
export const HOME_PATH = "/";
export const SIGN_IN_PATH = ROUTES.signIn.path;
export const HOME_AFTER_SIGN_IN = ROUTES.dashboard.path;
/** Where the Edge guard rewrites a signed-in request that lacks a page's role (it renders the 403 page). */
export const FORBIDDEN_PATH = "/forbidden";
/** Where the Edge guard sends a page load whose session is stale: a Node route that re-checks and comes back. */
export const REFRESH_PATH = "/session/refresh";
export const AUTH_API_PATH = "/api/auth";
/** Auth.js's credentials sign-in endpoint, which the API's callers get plain statuses from. */
export const CREDENTIALS_CALLBACK_PATH = `${AUTH_API_PATH}/callback/credentials`;
export const HEALTH_PATH = "/api/health";
/** Development's outbox (src/app/dev/mail): the mail the app would have sent when there is no SMTP_URL. */
export const DEV_OUTBOX_PATH = "/dev/mail";
const WELL_KNOWN_PATH = "/.well-known";

/**
 * `path` (a sign-in or sign-up page, or sign-in's second step) that still comes back to `returnTo` afterwards: its
 * callbackUrl, left out when it is the default, with `query` besides.
 */
export function pathReturningTo(path: string, returnTo: string, query: Record<string, string> = {}): string {
  const params = new URLSearchParams(query);
  if (returnTo !== HOME_AFTER_SIGN_IN) params.set("callbackUrl", returnTo);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** The sign-in page, coming back to `returnTo` afterwards. */
export function signInPath(returnTo: string): string {
  return `${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(returnTo)}`;
}

/** The prefixes the Edge guard decides for (every other route is public). */
export const GUARDED_PREFIXES: readonly string[] = ENTRIES.filter(({ access }) => access.kind !== "public").map(
  ({ path }) => path,
);

/**
 * Routes the middleware never runs for: they need neither a decision nor a CSP nonce (no page renders there).
 * Auth.js's endpoints check their own sessions and CSRF tokens, the health check needs no session, and
 * /.well-known/* is public metadata.
 */
export const SESSION_FREE_PREFIXES: readonly string[] = [AUTH_API_PATH, HEALTH_PATH, WELL_KNOWN_PATH];

const covers = (prefix: string, pathname: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

/** The entry that decides for `pathname` (the most specific one), or undefined for a public route. */
export function routeFor(pathname: string): RouteEntry | undefined {
  let best: RouteEntry | undefined;
  for (const entry of ENTRIES) {
    if (covers(entry.path, pathname) && (!best || entry.path.length > best.path.length)) best = entry;
  }
  return best;
}

/** What a route's rule says about a visitor: signed out (`role` null), or signed in with `role`. */
export type Admission = "allow" | "sign-in" | "forbidden" | "already-signed-in";

/** The one decision every layer makes from a route's rule; each layer only chooses how to answer it. */
export function admission(route: Pick<RouteEntry, "access"> | undefined, role: Role | null): Admission {
  const access = route?.access ?? { kind: "public" };
  switch (access.kind) {
    case "public":
      return "allow";
    case "guest-only":
      return role === null ? "allow" : "already-signed-in";
    case "signed-in":
      if (role === null) return "sign-in";
      return hasAtLeast(role, access.minimumRole) ? "allow" : "forbidden";
  }
}

/** The statements one request to `route` runs: its declared `reads`, 0 when it declares none or is no entry. */
export const readsOf = (route: RouteEntry | undefined): number => route?.reads ?? 0;

/** The statements a view of `route`'s page in a browser runs: its own reads and those of the APIs it loads. */
export const readsInBrowser = (route: RouteEntry | undefined): number =>
  readsOf(route) + (route?.loads ?? []).reduce((sum, path) => sum + readsOf(routeFor(path)), 0);

/**
 * Whether a page checks its role against the database on every view (one statement), not only the token's: a page
 * above the lowest role shows what a demotion must take away at once, not within AUTH_REVALIDATE_SECONDS.
 */
export function checksRoleLive(route: Pick<RouteEntry, "access">): boolean {
  return route.access.kind === "signed-in" && route.access.minimumRole !== LOWEST_ROLE;
}

/** The navbar's links for a visitor, in registry order: those whose route admits them. */
export function navLinks(role: Role | null): RouteEntry[] {
  return ENTRIES.filter((entry) => entry.nav && admission(entry, role) === "allow");
}
