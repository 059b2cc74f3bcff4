// the Edge guard's size — gzip of the files the middleware manifest lists — against the floor: a
// bare Auth.js v5 middleware (no callbacks, no routes table), built here with the same Next.js and next-auth.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import { middlewareSize } from "@tests/support/middleware-bundle";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Cited when the floor is not built (smoke runs): next 16.4.6, next-auth 5.0.0-beta.32. */
export const CITED_FLOOR_GZIP = 106_000;

export function appMiddlewareSize() {
  return middlewareSize(path.join(ROOT, ".next"));
}

/**
 * Builds a throwaway app whose only middleware is `NextAuth({ providers: [] }).auth`, with the app's matcher. It
 * lives inside the project (so it resolves the same node_modules) and is removed afterwards.
 */
export function floorMiddlewareSize() {
  const dir = path.join(ROOT, ".bench-floor");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "app"), { recursive: true });
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ private: true, type: "module" }));
  writeFileSync(
    path.join(dir, "next.config.mjs"),
    `export default { turbopack: { root: ${JSON.stringify(ROOT)} } };\n`,
  );
  writeFileSync(
    path.join(dir, "app/layout.js"),
    "export default function Layout({ children }) { return <html><body>{children}</body></html>; }\n",
  );
  writeFileSync(path.join(dir, "app/page.js"), "export default function Page() { return <p>floor</p>; }\n");
  writeFileSync(
    path.join(dir, "middleware.js"),
    `import NextAuth from "next-auth";\nexport default NextAuth({ providers: [], secret: process.env.AUTH_SECRET }).auth;\n` +
      `export const config = { matcher: ["/((?!_next/static|_next/image|favicon\\\\.ico).*)"] };\n`,
  );
  try {
    const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (result.status !== 0) throw new Error(`the floor app did not build:\n${result.stdout}\n${result.stderr}`);
    return middlewareSize(path.join(dir, ".next"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
