import { describe, expect, it } from "vitest";
import { accessFor } from "./routes";

describe("accessFor", () => {
  it.each([
    ["/", "public"],
    ["/api/health", "public"],
    ["/administrator", "public"],
    ["/dashboardx", "public"],
    ["/login", "guest-only"],
    ["/register", "guest-only"],
    ["/dashboard", "signed-in"],
    ["/dashboard/deep/path", "signed-in"],
    ["/profile", "signed-in"],
    ["/settings", "signed-in"],
    ["/api/me", "signed-in"],
    ["/admin", "signed-in"],
    ["/admin/users", "signed-in"],
  ])("%s is %s", (path, kind) => {
    expect(accessFor(path).kind).toBe(kind);
  });

  it("needs the admin role for /admin only, and marks API routes", () => {
    expect(accessFor("/admin")).toEqual({ kind: "signed-in", role: "admin", api: false });
    expect(accessFor("/dashboard")).toEqual({ kind: "signed-in", api: false });
    expect(accessFor("/api/me")).toEqual({ kind: "signed-in", api: true });
  });
});
