// `npm run dev` without AUTH_SECRET keeps the secret it made in .data/, so a restart can still open what the last
// run sealed (session cookies, two-factor secrets). Each "start" here is a real process booting next.config.ts in
// development, in a scratch project directory; production without AUTH_SECRET still refuses to start.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_SERVER } from "next/constants";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { applyDevelopmentAuthSecret, DEV_AUTH_SECRET_FILE } from "./dev-auth-secret";

const NEXT_CONFIG = path.resolve("next.config.ts");
// tsx by path: the scratch directory the process starts in has no node_modules.
const TSX = pathToFileURL(path.resolve("node_modules/tsx/dist/loader.mjs")).href;

let project: string;
beforeEach(() => {
  project = mkdtempSync(path.join(os.tmpdir(), "dev-secret-"));
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

/** Boots next.config.ts the way `next dev` / `next start` does, in `project`; prints the secret it settled on. */
function start(phase: string, env: Record<string, string> = {}) {
  const script = `const { default: config } = await import(${JSON.stringify(NEXT_CONFIG)});
config(${JSON.stringify(phase)});
console.log("secret=" + process.env.AUTH_SECRET);`;
  // Nothing of the test run's own environment decides it: no AUTH_SECRET, and `next dev`'s NODE_ENV unless a case sets one.
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "development", ...env };
  if (env.AUTH_SECRET === undefined) delete childEnv.AUTH_SECRET;
  return spawnSync(process.execPath, ["--import", TSX, "--input-type=module", "-e", script], {
    cwd: project,
    encoding: "utf8",
    env: childEnv,
    timeout: 60_000,
  });
}

const secretOf = (run: ReturnType<typeof start>) => /^secret=(.*)$/m.exec(run.stdout)?.[1];

describe("development's AUTH_SECRET", () => {
  it("is made on the first start, kept in .data/auth-secret (owner-only), and the same on the next start", () => {
    const first = start(PHASE_DEVELOPMENT_SERVER);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain(`generated one for development, kept in ${DEV_AUTH_SECRET_FILE}`);
    const secret = secretOf(first);
    expect(secret).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(statSync(path.join(project, DEV_AUTH_SECRET_FILE)).mode & 0o777).toBe(0o600);

    const second = start(PHASE_DEVELOPMENT_SERVER);
    expect(second.status, second.stderr).toBe(0);
    expect(secretOf(second)).toBe(secret);
    expect(second.stderr).not.toContain("generated");
  }, 120_000);

  it("gives way to a set AUTH_SECRET, and then writes no file", () => {
    const own = "a-secret-the-developer-set-0123456789abcdef";
    const run = start(PHASE_DEVELOPMENT_SERVER, { AUTH_SECRET: own });
    expect(run.status, run.stderr).toBe(0);
    expect(secretOf(run)).toBe(own);
    expect(() => statSync(path.join(project, DEV_AUTH_SECRET_FILE))).toThrow(/ENOENT/);
  }, 60_000);

  it("is never used in production: a server without AUTH_SECRET still refuses to start, with one line", () => {
    mkdirSync(path.join(project, ".data"));
    writeFileSync(path.join(project, DEV_AUTH_SECRET_FILE), `${"k".repeat(44)}\n`, { mode: 0o600 });
    const run = start(PHASE_PRODUCTION_SERVER, {
      NODE_ENV: "production",
      AUTH_URL: "https://app.example.com",
      SMTP_URL: "smtp://localhost:25",
      MAIL_FROM: "app@example.com",
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^✖ .*AUTH_SECRET is required in production: run npx auth secret/);
  }, 60_000);
});

describe("applyDevelopmentAuthSecret", () => {
  it("keeps a set AUTH_SECRET", () => {
    const environment: Record<string, string | undefined> = { AUTH_SECRET: "set" };
    expect(applyDevelopmentAuthSecret(environment, path.join(project, "auth-secret"))).toBe("environment");
    expect(environment.AUTH_SECRET).toBe("set");
  });

  it("stops on a file that holds no valid secret, with one line saying what to do", () => {
    const file = path.join(project, "auth-secret");
    writeFileSync(file, "short\n");
    expect(() => applyDevelopmentAuthSecret({}, file)).toThrow(
      /does not hold a valid development AUTH_SECRET: delete it/,
    );
  });
});
