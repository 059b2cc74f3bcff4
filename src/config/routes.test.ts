import { describe, expect, it } from "vitest";

import {
  admission,
  GUARDED_PREFIXES,
  navLinks,
  pathReturningTo,
  routeFor,
  ROUTES,
  signInPath,
  type RouteEntry,
} from "./routes";

describe("routeFor", () => {
  it.each([
    ["/", "public"],
    ["/api/health", "public"],
    ["/administrator", "public"],
    ["/dashboardx", "public"],
    ["/login", "guest-only"],
    ["/login/two-factor", "guest-only"],
    ["/register", "guest-only"],
    ["/dashboard", "signed-in"],
    ["/dashboard/deep/path", "signed-in"],
    ["/profile", "signed-in"],
    ["/settings", "signed-in"],
    ["/api/me", "signed-in"],
    ["/admin", "signed-in"],
    ["/admin/users", "signed-in"],
  ])("%s is %s", (path, kind) => {
    expect(routeFor(path)?.access.kind ?? "public").toBe(kind);
  });

  it("needs the admin role for /admin only, and marks API routes", () => {
    expect(routeFor("/admin")).toMatchObject({ access: { kind: "signed-in", minimumRole: "admin" }, api: false });
    expect(routeFor("/dashboard")).toMatchObject({ access: { kind: "signed-in", minimumRole: "user" }, api: false });
    expect(routeFor("/api/me")).toMatchObject({ access: { kind: "signed-in", minimumRole: "user" }, api: true });
  });

  it("decides sign-in's second step by its own entry, the more specific one", () => {
    expect(routeFor("/login/two-factor")).toBe(ROUTES.twoFactor);
    expect(routeFor("/login/two-factorx")).toBe(ROUTES.signIn);
  });

  it("guards every entry that is not public", () => {
    expect([...GUARDED_PREFIXES].sort()).toEqual([
      "/admin",
      "/api/me",
      "/api/token",
      "/dashboard",
      "/forgot-password",
      "/login",
      "/login/two-factor",
      "/profile",
      "/register",
      "/settings",
    ]);
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
  const labels = (links: RouteEntry[]) => links.map((link) => link.nav?.label);

  it("shows signed-out visitors sign-in and sign-up", () => {
    expect(labels(navLinks(null))).toEqual(["Sign in", "Create account"]);
  });

  it("shows each signed-in role the links its rank admits", () => {
    expect(labels(navLinks("user"))).toEqual(["Profile", "Settings"]);
    expect(labels(navLinks("admin"))).toEqual(["Admin", "Profile", "Settings"]);
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
