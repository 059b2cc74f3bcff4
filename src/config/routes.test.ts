import { describe, expect, it } from "vitest";

import { ROLES, type Role } from "./roles";
import {
  admission,
  GUARDED_PREFIXES,
  HOME_PATH,
  navLinks,
  pathReturningTo,
  readsInBrowser,
  readsOf,
  routeFor,
  ROUTES,
  SESSION_FREE_PREFIXES,
  signInPath,
  type RouteEntry,
} from "./routes";

// Properties of the table, not its inventory: a fork adds entries, and these still hold for them.
const ENTRIES: readonly RouteEntry[] = Object.values(ROUTES);
const VISITORS: (Role | null)[] = [null, ...ROLES];

describe("routeFor", () => {
  it.each(ENTRIES.map((entry) => [entry.path, entry] as const))("%s decides for itself and below", (path, entry) => {
    expect(routeFor(path)).toBe(entry);
    // Below it, unless a more specific entry claims the path (sign-in's second step under /login).
    const below = routeFor(`${path}/deep/path`);
    expect(below === entry || below!.path.startsWith(`${path}/`)).toBe(true);
  });

  it.each(ENTRIES.map((entry) => [entry.path] as const))("%s does not cover a longer name (%sx)", (path) => {
    expect(routeFor(`${path}x`)?.path).not.toBe(path);
  });

  it("leaves the home page and the paths the middleware skips to no entry (public)", () => {
    expect(routeFor(HOME_PATH)).toBeUndefined();
    for (const prefix of SESSION_FREE_PREFIXES) expect(routeFor(prefix)).toBeUndefined();
  });

  it("decides sign-in's second step by its own entry, the more specific one", () => {
    expect(routeFor(`${ROUTES.twoFactor.path}`)).toBe(ROUTES.twoFactor);
    expect(routeFor(`${ROUTES.twoFactor.path}x`)).toBe(ROUTES.signIn);
  });

  it("guards every entry that is not public, and no public one (a mailed link opens for whoever holds it)", () => {
    for (const entry of ENTRIES) expect(GUARDED_PREFIXES.includes(entry.path)).toBe(entry.access.kind !== "public");
  });
});

describe("loads (the APIs a page asks once shown)", () => {
  it("names API entries of their own, which a visitor of the page may call", () => {
    for (const page of ENTRIES.filter((entry) => entry.loads)) {
      for (const path of page.loads!) {
        const api = routeFor(path);
        expect(api?.path, `${page.path} loads ${path}`).toBe(path);
        expect(api?.api, `${path} is an API`).toBe(true);
        for (const role of VISITORS)
          if (admission(page, role) === "allow") expect(admission(api, role), `${role} on ${path}`).toBe("allow");
      }
    }
  });

  it("adds their reads to a view in a browser, not to the page's own request", () => {
    const page: RouteEntry = { ...ROUTES.dashboard, reads: 2, loads: [ROUTES.admin.path, "/no-entry-here"] };
    expect(readsOf(page)).toBe(2);
    expect(readsInBrowser(page)).toBe(2 + readsOf(ROUTES.admin));
    expect(readsInBrowser({ ...page, loads: undefined })).toBe(2);
  });
});

describe("admission (the rule every layer decides by)", () => {
  const page = (access: RouteEntry["access"]) => ({ access });

  it("sends signed-out visitors of a signed-in route to sign in, and lets them through public and guest-only ones", () => {
    expect(admission(ROUTES.dashboard, null)).toBe("sign-in");
    expect(admission(ROUTES.signIn, null)).toBe("allow");
    expect(admission(undefined, null)).toBe("allow");
  });

  it("sends signed-in people away from guest-only routes", () => {
    expect(admission(ROUTES.register, "user")).toBe("already-signed-in");
  });

  it("admits a role at or above the route's minimum, and refuses one below it", () => {
    expect(admission(ROUTES.admin, "user")).toBe("forbidden");
    expect(admission(ROUTES.admin, "admin")).toBe("allow");
    expect(admission(ROUTES.dashboard, "admin")).toBe("allow");
    expect(admission(page({ kind: "signed-in", minimumRole: "user" }), "user")).toBe("allow");
  });
});

describe("navLinks", () => {
  it.each(VISITORS)("shows %s the links of exactly the routes admitting them, in table order", (visitor) => {
    const expected = ENTRIES.filter((entry) => entry.nav && admission(entry, visitor) === "allow");
    expect(navLinks(visitor)).toEqual(expected);
  });

  it("shows signed-out visitors no signed-in link, and signed-in people no guest-only one", () => {
    for (const visitor of VISITORS) {
      const hidden = visitor === null ? "signed-in" : "guest-only";
      expect(navLinks(visitor).filter((link) => link.access.kind === hidden)).toEqual([]);
    }
  });

  it("shows a higher role every link a lower one sees", () => {
    ROLES.forEach((role, rank) => {
      for (const lower of ROLES.slice(0, rank)) expect(navLinks(role)).toEqual(expect.arrayContaining(navLinks(lower)));
    });
  });

  it("gives every link a label, and draws at most one as the call to action per visitor", () => {
    for (const visitor of VISITORS) {
      const links = navLinks(visitor);
      for (const link of links) expect(link.nav?.label.trim()).not.toBe("");
      expect(links.filter((link) => link.nav?.callToAction).length).toBeLessThanOrEqual(1);
    }
  });
});

describe("signInPath", () => {
  it("comes back to the page that asked", () => {
    expect(signInPath("/admin")).toBe("/login?callbackUrl=%2Fadmin");
  });
});

describe("pathReturningTo", () => {
  it("keeps where a sign-in comes back to, and leaves the default out", () => {
    expect(pathReturningTo("/register", "/admin?tab=users")).toBe("/register?callbackUrl=%2Fadmin%3Ftab%3Dusers");
    expect(pathReturningTo("/register", ROUTES.dashboard.path)).toBe("/register");
    expect(pathReturningTo("/login/two-factor", "/settings", { recovery: "1" })).toBe(
      "/login/two-factor?recovery=1&callbackUrl=%2Fsettings",
    );
    expect(pathReturningTo("/login/two-factor", ROUTES.dashboard.path, { recovery: "1" })).toBe(
      "/login/two-factor?recovery=1",
    );
  });
});
