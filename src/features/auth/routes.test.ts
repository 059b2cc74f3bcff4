import { describe, expect, it } from "vitest";
import { accessFor, safeCallbackUrl } from "./routes";

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

describe("safeCallbackUrl", () => {
  it.each(["/dashboard", "/profile?tab=1", "/admin#users", "/a/b/c"])("keeps the same-origin path %s", (path) => {
    expect(safeCallbackUrl(path)).toBe(path);
  });

  it.each([
    "//evil.example",
    "//evil.example/path",
    "https://evil.example",
    "http://evil.example/dashboard",
    "javascript:alert(1)",
    "/\\evil.example",
    "\\\\evil.example",
    "/%2F%2Fevil.example",
    "%2F%2Fevil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    " /dashboard",
    "dashboard",
    "",
    "/" + "a".repeat(2048),
  ])("refuses %j and falls back to /dashboard", (candidate) => {
    const result = safeCallbackUrl(candidate);
    // Either the fallback, or a path that provably stays on this origin.
    expect(new URL(result, "https://app.example").origin).toBe("https://app.example");
    if (!candidate.startsWith("/%2F")) expect(result).toBe("/dashboard");
  });

  it.each([undefined, null, 42, ["/dashboard"], {}])("refuses the non-string %j", (candidate) => {
    expect(safeCallbackUrl(candidate)).toBe("/dashboard");
  });
});
