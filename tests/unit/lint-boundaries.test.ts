// The runtime and layer boundaries hold only if lint really rejects a crossing. Each case lints a small source as
// if it sat at a real path in the tree, with the repository's own eslint.config.mjs, and expects an error that names
// the boundary; the controls expect none, so a rule that stopped matching, or one that matched everything, fails.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint, type Linter } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const BOUNDARY_RULES = new Set(["import/no-restricted-paths", "@typescript-eslint/no-restricted-imports"]);
// Only the boundary rules run: the other rules would only slow the test and judge the synthetic sources' style.
const eslint = new ESLint({ cwd: root, ruleFilter: ({ ruleId }) => BOUNDARY_RULES.has(ruleId) });

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  if (!result) throw new Error(`no lint result for ${filePath}`);
  return result.messages;
}

type Boundary = "edge-safe" | "client" | "shared" | "layers";

// Synthetic files at real places in the tree; the code of a case is placed there, not written to disk.
const EDGE = "src/features/auth/edge/x.ts";
const MIDDLEWARE = "src/middleware.ts";
const AUTH_CONFIG = "auth.config.ts";
const CLIENT = "src/features/auth/client/x.tsx";
const NAVBAR = "src/features/navbar/client/x.tsx";
const SHARED = "src/features/auth/shared/x.ts";
const DB = "src/db/x.ts";
const PAGE = "src/app/x/page.tsx";
const SERVER = "src/features/auth/server/x.ts";

const crossings: [Boundary, string, string][] = [
  // The Edge: no database, server env, zod or Node/browser modules, whether spelled by alias or by climbing.
  ["edge-safe", EDGE, `import { getUserById } from "@/db/queries";`],
  ["edge-safe", EDGE, `import { getUserById } from "../../../db/queries";`],
  ["edge-safe", EDGE, `import { currentUser } from "../server/session";`],
  ["edge-safe", EDGE, `import { currentUser } from "@/features/auth/server/session";`],
  ["edge-safe", EDGE, `import { signInAction } from "../actions/sign-in";`],
  ["edge-safe", EDGE, `import { signInSchema } from "../shared/schemas";`],
  ["edge-safe", EDGE, `import { LoginForm } from "../client/login-form";`],
  ["edge-safe", EDGE, `import { z } from "zod";`],
  ["edge-safe", EDGE, `import { env } from "@/lib/server/env";`],
  ["edge-safe", EDGE, `import { parseEnv } from "@/lib/server/env-schema";`],
  ["edge-safe", EDGE, `import { clientKey } from "@/lib/server/client-ip";`],
  ["edge-safe", EDGE, `export const later = () => import("@/db");`],
  ["edge-safe", EDGE, `export { getDb } from "@/db";`],
  ["edge-safe", MIDDLEWARE, `import NextAuth from "next-auth";`],
  ["edge-safe", MIDDLEWARE, `import { auth } from "auth";`],
  ["edge-safe", MIDDLEWARE, `import "server-only";`],
  ["edge-safe", MIDDLEWARE, `import { createHash } from "node:crypto";`],
  ["edge-safe", MIDDLEWARE, `import path from "path";`],
  ["edge-safe", MIDDLEWARE, `import { drizzle } from "drizzle-orm/pglite";`],
  ["edge-safe", MIDDLEWARE, `import { register } from "./instrumentation";`],
  ["edge-safe", AUTH_CONFIG, `import { getDb } from "./src/db";`],
  ["edge-safe", AUTH_CONFIG, `import bcrypt from "bcryptjs";`],
  ["edge-safe", "src/lib/edge/edge-env.ts", `import { env } from "../server/env";`],
  ["edge-safe", "src/lib/edge/x.ts", `import { IDLE } from "../shared/form";`],
  // The browser: no server/ modules, database, server env or Auth.js setup; server actions are its door.
  ["client", CLIENT, `import { currentUser } from "@/features/auth/server/session";`],
  ["client", "src/features/profile/client/x.tsx", `import { verifiedUser } from "../../auth/server/session";`],
  ["client", NAVBAR, `import { getDb } from "@/db";`],
  ["client", NAVBAR, `import { env } from "@/lib/server/env";`],
  ["client", NAVBAR, `import { auth } from "auth";`],
  ["client", NAVBAR, `import { authConfig } from "auth.config";`],
  ["client", "src/components/x.tsx", `import bcrypt from "bcryptjs";`],
  ["client", "src/app/error.tsx", `import { readFileSync } from "node:fs";`],
  ["client", CLIENT, `import { clientKey } from "@/lib/server/client-ip";`],
  // Isomorphic code takes neither side's modules.
  ["shared", SHARED, `import { currentUser } from "../server/session";`],
  ["shared", SHARED, `import { LoginForm } from "../client/login-form";`],
  ["shared", "src/features/settings/shared/x.ts", `import { changePasswordAction } from "../actions";`],
  ["shared", SHARED, `import { getDb } from "@/db";`],
  ["shared", SHARED, `import { env } from "@/lib/server/env";`],
  ["shared", SHARED, `import os from "node:os";`],
  ["shared", "src/lib/shared/x.ts", `import { env } from "../server/env";`],
  ["shared", "src/lib/shared/x.ts", `import "server-only";`],
  // Layers point down: config < db < lib < features < app.
  ["layers", "src/config/x.ts", `import { describeError } from "@/lib/edge/describe-error";`],
  ["layers", "src/config/x.ts", `import { authConfig } from "auth.config";`],
  ["layers", DB, `import { signInSchema } from "@/features/auth/shared/schemas";`],
  ["layers", DB, `import { ROLES } from "../features/admin/shared/schemas";`],
  ["layers", DB, `import { auth } from "auth";`],
  ["layers", "src/lib/server/x.ts", `import { currentUser } from "@/features/auth/server/session";`],
  ["layers", SERVER, `import { users } from "@/db/schema";`],
  ["layers", "src/features/profile/actions.ts", `import { users } from "../../db/schema";`],
  ["layers", PAGE, `import { getDb } from "@/db";`],
  ["layers", "src/app/api/x/route.ts", `import { listUsers } from "../../../db/queries";`],
  ["layers", "src/features/dashboard/x.ts", `import { BENCH_USER } from "@/app/bench/public-dashboard/bench-twin";`],
];

// Imports each boundary allows, at the same kinds of paths: the rules must not reject the real design.
const allowed: [string, string][] = [
  [EDGE, `import { SIGN_IN_PATH } from "@/config/routes";`],
  [EDGE, `import { edgeEnv } from "@/lib/edge/edge-env";\nimport { isStale } from "./staleness";`],
  [EDGE, `import { jwtDecrypt } from "jose";\nimport { NextResponse } from "next/server";`],
  [EDGE, `import type { z } from "zod";\nimport type { User } from "next-auth";`],
  [
    MIDDLEWARE,
    `import { authConfig } from "auth.config";\nimport { oversizedBodyRefusal } from "./lib/edge/body-limit";`,
  ],
  [
    AUTH_CONFIG,
    `import type { NextAuthConfig } from "next-auth";\nimport { viewOf } from "./src/features/auth/edge/session-view";`,
  ],
  ["src/features/admin/client/x.tsx", `import { changeRoleAction } from "@/features/admin/actions";`],
  [CLIENT, `import { signInAction } from "../actions/sign-in";\nimport { signInSchema } from "../shared/schemas";`],
  [
    NAVBAR,
    `import { useSession } from "next-auth/react";\nimport { safeCallbackUrl } from "@/features/auth/edge/callback-url";`,
  ],
  [NAVBAR, `import { ROLES } from "@/config/roles";\nimport { IDLE } from "@/lib/shared/form";`],
  [SHARED, `import { z } from "zod";\nimport { ROLES } from "@/config/roles";`],
  [DB, `import { ROLES } from "@/config/roles";\nimport { env } from "@/lib/server/env";`],
  [PAGE, `import { requireUser } from "@/features/auth/server/session";\nimport { handlers } from "auth";`],
  [
    "src/features/admin/server/x.tsx",
    `import { listUsers } from "@/db/queries";\nimport { RoleForm } from "../client/role-form";`,
  ],
  [SERVER, `import type { User } from "@/db/schema";\nimport { getUserById } from "@/db/queries";`],
  ["src/lib/shared/x.ts", `import { describeError } from "../edge/describe-error";\nimport { z } from "zod";`],
  // Tests run in Node and may open the database beside an edge module.
  ["src/features/auth/edge/x.test.ts", `import { getDb } from "@/db";\nimport { z } from "zod";`],
];

const boundaryErrors = (messages: Linter.LintMessage[]) =>
  messages.filter((m) => m.severity === 2 && m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId));

describe("lint refuses imports across a runtime or layer boundary", { timeout: 60_000 }, () => {
  // The first run loads the config, the parser and the import resolver; give it its own budget.
  beforeAll(async () => {
    await lint("src/config/x.ts", "");
  }, 60_000);

  it.each(crossings)("%s: %s — %s", async (boundary, file, code) => {
    const errors = boundaryErrors(await lint(file, code));
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining(`${boundary}: `)]);
  });

  it.each(allowed)("allowed: %s — %s", async (file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });
});

// A "use client" file outside the folders the config names would escape the client boundary unnoticed.
function clientDirectiveFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return clientDirectiveFiles(full);
    if (!/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name)) return [];
    return /^\s*(\/\/[^\n]*\n\s*)*["']use client["']/.test(readFileSync(full, "utf8"))
      ? [path.relative(root, full)]
      : [];
  });
}

describe('every "use client" file is linted as browser code', { timeout: 60_000 }, () => {
  const files = clientDirectiveFiles(path.join(root, "src"));

  it("finds the client files", () => {
    expect(files).toContain(path.join("src", "features", "navbar", "client", "navbar.tsx"));
  });

  it.each(files)("%s", async (file) => {
    const errors = boundaryErrors(
      await lint(file, `import { currentUser } from "@/features/auth/server/session";\nimport bcrypt from "bcryptjs";`),
    );
    // If this fails, add the file's folder to the client files in eslint.config.mjs (or move the file).
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringContaining("client: "),
      expect.stringContaining("client: "),
    ]);
  });
});
