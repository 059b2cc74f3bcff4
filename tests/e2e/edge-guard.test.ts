import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { appUrl } from "../support/app";
import { MIDDLEWARE_GZIP_BUDGET, middlewareSize, middlewareSources } from "../support/middleware-bundle";

describe("the Edge guard in the production build", () => {
  it("is compiled as an Edge function (middleware manifest), not Node", () => {
    const manifest = JSON.parse(readFileSync(path.resolve(".next/server/middleware-manifest.json"), "utf8"));
    const middleware = manifest.middleware["/"];
    expect(middleware?.name).toBe("middleware");
    expect(middleware.files.length).toBeGreaterThan(0);
    for (const file of middleware.files) expect(file).toMatch(/^server\/edge\//);
  });

  it("contains no database driver, no ORM, no bcrypt and none of src/db (read from its source maps)", () => {
    const sources = middlewareSources();
    // Not vacuous: the bundle is really built from our edge config and the token reader (jose).
    expect(sources.some((source) => source.endsWith("auth.config.ts"))).toBe(true);
    expect(sources.some((source) => source.endsWith("session-token.ts"))).toBe(true);
    expect(sources.some((source) => source.includes("node_modules/jose/"))).toBe(true);
    const forbidden =
      /node_modules\/(bcryptjs|drizzle-orm|@neondatabase|@electric-sql|ws|proper-lockfile)\/|\/src\/db\/|\/auth\.ts$/;
    expect(sources.filter((source) => forbidden.test(source))).toEqual([]);
  });

  it(`stays within its size budget: ${MIDDLEWARE_GZIP_BUDGET / 1000} KB gzip`, () => {
    const size = middlewareSize();
    expect(size.files).toBeGreaterThan(0);
    expect(size.gzipBytes).toBeGreaterThan(10_000); // it was really read: Next's Edge runtime alone is bigger
    expect(size.gzipBytes).toBeLessThanOrEqual(MIDDLEWARE_GZIP_BUDGET);
    // zod (≈ 31 KB of it) is the usual way back over budget: the guard parses its two settings by hand.
    expect(middlewareSources().filter((source) => /node_modules\/(zod|@t3-oss)\//.test(source))).toEqual([]);
  });

  it("sends a signed-out page request to the sign-in page with the path it asked for", async () => {
    const response = await fetch(`${appUrl}/dashboard?tab=1`, { redirect: "manual" });
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location")!, appUrl);
    expect(location.pathname).toBe("/login");
    expect(location.searchParams.get("callbackUrl")).toBe("/dashboard?tab=1");
  });

  it("answers a signed-out API request with 401 JSON", async () => {
    const response = await fetch(`${appUrl}/api/me`);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toMatchObject({ error: "unauthorized" });
  });

  it("reads the session without Auth.js's runtime: no next-auth or @auth/core in the bundle", () => {
    // Auth.js's auth() wrapper re-encrypted and re-set the cookie on every request; the guard only reads it.
    expect(middlewareSources().filter((source) => /node_modules\/(next-auth|@auth\/core)\//.test(source))).toEqual([]);
  });

  it("lets public pages and static assets through", async () => {
    expect((await fetch(`${appUrl}/`)).status).toBe(200);
    expect((await fetch(`${appUrl}/api/health`)).status).toBe(200);
  });
});
