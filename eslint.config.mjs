import { builtinModules } from "node:module";
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Where each file runs, and which layer it sits in, enforced on every import. A crossing is a lint error whose
// message starts with the boundary's name ("edge-safe:", "client:", "shared:", "layers:") and says why.
//
// Two rules share the work. `import/no-restricted-paths` judges modules of this repository by the file an import
// resolves to (through tsconfig's paths), so `@/db/queries`, `../../db/queries` and `./src/db/queries` are one and
// the same crossing. `@typescript-eslint/no-restricted-imports` judges npm packages and Node built-ins by name,
// and lets type-only imports through: they are erased before any bundle is made.
//
// The checks are per file, so a boundary holds for a whole import graph only if every module it may import is
// itself checked by the same boundary; that is why the Edge may use just src/lib/edge, which is linted as
// edge-safe too.

const root = import.meta.dirname;
const abs = (path) => `${root}/${path}`;

// src/lib is split by where its helpers run: edge/ runs anywhere (the Edge middleware included: no Node APIs, no
// zod), shared/ on the server and in the browser, server/ on Node only (the server env, logs, the client's IP).
const EDGE_LIB = "src/lib/edge/**";
const SHARED_LIB = "src/lib/shared/**";
const SERVER_LIB = abs("src/lib/server");

// Edge-safe files. src/config is edge-safe too, but has a stricter rule of its own (the bottom layer).
const EDGE_ROOTS = ["auth.config.ts", "src/middleware.ts"];
const EDGE_FEATURES = ["src/features/*/edge/**"];
const EDGE_FILES = [...EDGE_ROOTS, ...EDGE_FEATURES, EDGE_LIB];
// Browser code: the client/ folders and the "use client" route files (the error boundaries, which Next requires to
// be client components), plus src/components, whose primitives the client forms import and so ship to the browser
// with them.
const CLIENT_OUTSIDE_APP = ["src/features/*/client/**", "src/components/**"];
const CLIENT_FILES = [...CLIENT_OUTSIDE_APP, "src/app/**/error.tsx"];
// Isomorphic files: imported by server code and by the browser alike.
const SHARED_FILES = ["src/features/*/shared/**", SHARED_LIB];
const CONFIG_FILES = ["src/config/**"];
// Node-only feature code: it may use the database, but through the functions of src/db, never its tables.
const SERVER_FEATURE_FILES = ["src/features/*/server/**", "src/features/*/actions.ts", "src/features/*/actions/**"];

// Tests run in Node and may cross any line (an integration test opens the database next to an edge module).
const TESTS = ["**/*.test.ts", "**/*.test.tsx"];

const ROOT_AUTH = abs("auth.ts");
const ROOT_AUTH_CONFIG = abs("auth.config.ts");
const FEATURE_SERVER = SERVER_FEATURE_FILES.map(abs);
const FEATURE_CLIENT = [abs("src/features/*/client/**")];
const FEATURE_SHARED = [abs("src/features/*/shared/**")];
const FEATURE_EDGE = [abs("src/features/*/edge/**")];

const zone = (targets, from, message, except) => ({
  target: targets.map(abs),
  from,
  message,
  ...(except ? { except } : {}),
});

const pathZones = [
  // --- edge-safe: auth.config.ts, the middleware and what they import run in the Edge runtime.
  zone(
    EDGE_FILES,
    abs("src/db"),
    "edge-safe: the Edge middleware cannot reach the database (@/db); it decides from the session token alone",
  ),
  zone(
    EDGE_FILES,
    abs("src/lib"),
    "edge-safe: of src/lib only src/lib/edge fits the Edge; shared/ brings zod and server/ needs Node or the server env",
    ["./edge"],
  ),
  zone(
    EDGE_FILES,
    ROOT_AUTH,
    "edge-safe: `auth` is the Node half of Auth.js (Credentials, bcrypt, the database); Edge code uses auth.config",
  ),
  zone(
    [...EDGE_ROOTS, ...EDGE_FEATURES],
    FEATURE_SERVER,
    "edge-safe: server/ modules and server actions run only on Node (database, bcrypt, server env)",
  ),
  zone(
    [...EDGE_ROOTS, ...EDGE_FEATURES],
    FEATURE_CLIENT,
    "edge-safe: client/ modules are browser code, not part of the Edge bundle",
  ),
  zone(
    [...EDGE_ROOTS, ...EDGE_FEATURES],
    FEATURE_SHARED,
    "edge-safe: shared/ modules bring zod, which the Edge bundle leaves out to stay small",
  ),
  zone(
    [...EDGE_ROOTS, ...EDGE_FEATURES],
    abs("src/features/**"),
    "edge-safe: of src/features the Edge reaches only the edge/ folders",
    [...FEATURE_EDGE, ...FEATURE_SERVER, ...FEATURE_CLIENT, ...FEATURE_SHARED],
  ),
  zone(EDGE_FILES, abs("src/components"), "edge-safe: React components are page code, not part of the Edge bundle"),
  zone(EDGE_ROOTS, abs("src/app"), "edge-safe: route files are Node page code, not part of the Edge bundle"),
  zone(
    EDGE_FILES,
    abs("src/**"),
    "edge-safe: the Edge reaches only src/config, the features' edge/ folders and src/lib/edge",
    ["config", "lib", "features", "db", "components", "app"].map((dir) => abs(`src/${dir}/**`)),
  ),

  // --- client: "use client" files ship to the browser; the server is reached only through server actions.
  zone(
    CLIENT_OUTSIDE_APP,
    abs("src/db"),
    "client: browser code cannot reach the database (@/db); call a server action (actions)",
  ),
  zone(
    CLIENT_FILES,
    [abs("src/features/*/server/**")],
    "client: server/ modules run only on Node; browser code reaches the server through a server action (actions)",
  ),
  zone(
    CLIENT_FILES,
    [ROOT_AUTH, ROOT_AUTH_CONFIG],
    "client: auth and auth.config are the server's Auth.js setup; browser code reads the session with next-auth/react",
  ),
  zone(
    CLIENT_FILES,
    SERVER_LIB,
    "client: src/lib/server holds the server env and the helpers built on it: secrets, and Node",
  ),

  // --- shared: isomorphic modules run on the server and in the browser, so they take neither side's modules.
  zone(
    SHARED_FILES,
    [...FEATURE_SERVER, ...FEATURE_CLIENT],
    "shared: isomorphic code runs on the server and in the browser; it cannot import server/, client/ or actions",
  ),
  zone(
    SHARED_FILES,
    abs("src/db"),
    "shared: isomorphic code runs in the browser too, so it cannot reach the database (@/db)",
  ),
  zone(
    SHARED_FILES,
    [SERVER_LIB, ROOT_AUTH, ROOT_AUTH_CONFIG],
    "shared: isomorphic code runs in the browser too; the server env and the Auth.js setup stay on the server",
  ),

  // --- layers: imports point down only — app → features → db → lib → config, the order docs/architecture.md gives.
  // The zones below refuse the upward imports (config reaching anything else in src; db or lib reaching a feature
  // or a route; a feature reaching a route) and one shortcut down: a route file past its feature, into the database.
  zone(
    CONFIG_FILES,
    abs("src"),
    "layers: src/config is the bottom layer of pure constants; it imports nothing else from src",
    ["./config"],
  ),
  zone(
    CONFIG_FILES,
    [ROOT_AUTH, ROOT_AUTH_CONFIG],
    "layers: src/config is the bottom layer of pure constants; it imports nothing else from src",
  ),
  zone(
    ["src/db/**"],
    [abs("src/features"), abs("src/app"), ROOT_AUTH, ROOT_AUTH_CONFIG],
    "layers: src/db is the database seam below the features; it imports nothing from @/features, @/app or auth (shared constants live in src/config)",
  ),
  zone(
    ["src/lib/**"],
    [abs("src/features"), abs("src/app")],
    "layers: src/lib holds helpers below the features; it imports nothing from @/features or @/app",
  ),
  zone(["src/app/**"], abs("src/db"), "layers: route files call features, never the database (@/db) directly"),
  zone(
    ["src/features/**"],
    abs("src/app"),
    "layers: features sit below the routes; nothing in src/features imports @/app",
  ),
];

// npm packages and Node built-ins, by name. Type-only imports are allowed: they never reach a bundle.
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith("_") && !name.includes("/"));
const pkg = (regex, message) => ({ regex, message, allowTypeImports: true });
const builtins = (boundary, why) => pkg(`^(node:|(${nodeBuiltins.join("|")})(/|$))`, `${boundary}: ${why}`);
const database = (boundary, why) => pkg("^(drizzle-orm|@neondatabase/|@electric-sql/)", `${boundary}: ${why}`);
const serverOnly = (boundary, why) => pkg("^server-only$", `${boundary}: ${why}`);
const bcrypt = (boundary, why) => pkg("^bcryptjs$", `${boundary}: ${why}`);

const packageRules = [
  {
    files: [...EDGE_FILES, ...CONFIG_FILES],
    patterns: [
      pkg(
        "^zod(/|$)",
        "edge-safe: zod stays out of the Edge bundle to keep it small; Edge code checks its input by hand",
      ),
      pkg(
        "^@t3-oss/env-core$",
        "edge-safe: the zod-parsed server env stays on Node; Edge code reads edgeEnv (@/lib/edge/edge-env)",
      ),
      database("edge-safe", "the Edge middleware cannot reach the database; it decides from the session token alone"),
      serverOnly("edge-safe", "this file runs on the Edge, where a server-only module cannot"),
      bcrypt("edge-safe", "password hashing runs on Node worker threads, never on the Edge"),
      builtins("edge-safe", "the Edge runtime has no Node built-ins"),
      pkg(
        "^(next-auth|@auth/core)(/|$)",
        "edge-safe: the middleware reads the session token itself; Auth.js's auth() would run callbacks and re-set the cookie on every request",
      ),
    ],
  },
  {
    files: CLIENT_FILES,
    patterns: [
      database("client", "browser code cannot reach the database; call a server action (actions)"),
      serverOnly("client", "a server-only module cannot be bundled for the browser; reach it through a server action"),
      bcrypt("client", "password hashing runs on the server only; call a server action"),
      builtins("client", "the browser has no Node built-ins"),
    ],
  },
  {
    files: SHARED_FILES,
    patterns: [
      database("shared", "isomorphic code runs in the browser too, so it cannot reach the database"),
      serverOnly("shared", "isomorphic code runs in the browser too, so it cannot be server-only"),
      bcrypt("shared", "password hashing runs on the server only"),
      builtins("shared", "isomorphic code runs in the browser too, which has no Node built-ins"),
    ],
  },
  {
    files: SERVER_FEATURE_FILES,
    patterns: [
      pkg(
        "(^@/db/schema$|/db/schema$)",
        "layers: features reach tables only through the functions of src/db (add one there); types from @/db/schema are fine",
      ),
    ],
  },
].map(({ files, patterns }) => ({
  files,
  ignores: TESTS,
  rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] },
}));

const eslintConfig = [
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data/**",
      "next-env.d.ts",
      "tests/.artifacts/**",
      "bench/results.json",
      "bench/bare-app/.next/**",
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    files: ["**/*.{ts,tsx,mts,js,mjs}"],
    ignores: TESTS,
    rules: { "import/no-restricted-paths": ["error", { basePath: root, zones: pathZones }] },
  },
  ...packageRules,
];

export default eslintConfig;
