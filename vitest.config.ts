// One command, `npm test`, runs everything: unit tests, the integration suite twice (embedded PGlite, and the
// PostgreSQL server through the Neon driver), and browser tests in real Chromium against a production build.
//
// Without a Postgres server or Chromium, their runs are left out with a loud notice — except under CI=true,
// where a missing part fails the run instead of letting it pass on less than it claims.
import { fileURLToPath } from "node:url";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

import { chromiumPath, postgresAdminUrl, requireOrWarn, serverReachable } from "./tests/support/environment.ts";
import LongestFirstSequencer from "./tests/support/sequencer.ts";

// The same aliases as tsconfig.json's "paths": the root Auth.js files by name, src/ as @, tests/ as @tests.
const alias = {
  "@": fileURLToPath(new URL("./src", import.meta.url)),
  "@tests": fileURLToPath(new URL("./tests", import.meta.url)),
  auth: fileURLToPath(new URL("./auth.ts", import.meta.url)),
  "auth.config": fileURLToPath(new URL("./auth.config.ts", import.meta.url)),
  // The real package throws outside React Server Components; Node-side tests are server code too.
  "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
};

// Environment every test process starts from: fast bcrypt, a fixed secret, nothing from the developer's .env.
const testEnv = {
  NODE_ENV: "test" as const,
  AUTH_SECRET: "test-secret-that-is-long-enough-for-auth-js-0123456789",
  BCRYPT_COST: "10",
  DATABASE_URL: "",
  PGLITE_DIR: "memory://",
  SIGNIN_FAILURES_PER_IP: "20",
};

const integrationFiles = ["src/**/*.int.test.ts", "scripts/**/*.int.test.ts", "tests/integration/**/*.test.ts"];

function integration(engine: "pglite" | "postgres"): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name: `integration-${engine}`,
      include: integrationFiles,
      env: { ...testEnv, TEST_DB_ENGINE: engine },
      globalSetup: ["tests/support/database-global-setup.ts"],
      setupFiles: ["tests/support/database-setup.ts", "tests/support/mail-setup.ts"],
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  };
}

export default defineConfig(async () => {
  const postgres = requireOrWarn(
    await serverReachable(postgresAdminUrl()),
    `no PostgreSQL server answers at ${new URL(postgresAdminUrl()).host}: the integration run on PostgreSQL is SKIPPED (start it, or set TEST_POSTGRES_URL)`,
  );
  const chromium = requireOrWarn(
    chromiumPath() !== undefined,
    "no Chromium found (apt-get install chromium, or set CHROMIUM_PATH): the browser tests are SKIPPED",
  );

  const projects: TestProjectInlineConfiguration[] = [
    {
      extends: true,
      test: {
        name: "unit",
        include: ["src/**/*.test.{ts,tsx}", "scripts/**/*.test.ts", "tests/unit/**/*.test.ts"],
        exclude: integrationFiles,
        env: testEnv,
      },
    },
    integration("pglite"),
  ];
  if (postgres) projects.push(integration("postgres"));
  if (chromium) {
    projects.push({
      extends: true,
      test: {
        name: "e2e",
        include: ["tests/e2e/**/*.test.ts"],
        env: { E2E_POSTGRES: postgres ? "true" : "" },
        globalSetup: ["tests/support/shared-apps.ts"],
        setupFiles: ["tests/support/shared-apps-ready.ts"],
        // Two files at a time, each against the production server of its own worker (the global set-up starts one
        // per worker): a file still has a server to itself, and a browser test spends much of its time waiting
        // (on mail, on a redirect, on bcrypt in the server), which the other file's work fills. After the other
        // projects, so a 2-core machine is not also running PGlite and bcrypt-heavy tests; only the build and the
        // shared servers' start run beside those (see tests/support/shared-apps.ts).
        maxWorkers: 2,
        sequence: { groupOrder: 1 },
        testTimeout: 60_000,
        hookTimeout: 60_000,
        // A page's answer to a click is a server round trip, which takes longer while the other worker's file keeps
        // both cores busy: expect.poll waits up to 10 s for it (Vitest's default is 1 s), as Playwright's waits do.
        expect: { poll: { timeout: 10_000 } },
      },
    });
  }

  return {
    resolve: { alias },
    test: {
      // Two test files at a time on two cores. Vitest's default leaves one core to itself (cores - 1 = 1), which
      // ran the unit and integration files one after another: their waits (SMTP, the PostgreSQL server, bcrypt on
      // its threads) overlap well with another file's work — 524 s down to 338 s on this machine.
      maxWorkers: 2,
      projects,
      sequence: { sequencer: LongestFirstSequencer },
      reporters: ["default", "./tests/support/summary-reporter.ts"],
      // next-auth imports "next/server" without a file extension, which Node's ESM loader refuses; let Vite
      // resolve it instead.
      server: { deps: { inline: ["next-auth"] } },
    },
  };
});
