// Production servers for the browser tests. The global set-up (./shared-apps.ts) builds the app once and starts
// the shared servers, one per worker of the browser tests; a test that needs a server of its own (a short
// revalidation bound, a second instance) calls startApp() itself and stops it when done. Each server listens on a
// free loopback port with a fresh, seeded embedded database.
//
// A server's output goes to a log file that tests can read: with LOG_DB_QUERIES=true every statement it sends is
// one "[db] query" line, which is how the browser tests count a request's queries.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

import { startMailSink, type MailSink } from "./mail-sink";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
/** What `npm start` runs: Next.js behind the entry that forwards the socket's address (server.mjs). */
const SERVER_ENTRY = path.join(ROOT, "server.mjs");
export const ADMIN_EMAIL = "admin@example.com";
/** The seeded admin's name (scripts/seed.ts). */
export const ADMIN_NAME = "Grace Hopper";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `ready` until it answers 200; resolves with the time that took. */
export async function waitUntilReady(
  url: string,
  ready: ReadyCheck,
  server: ChildProcess,
  timeoutMs: number,
): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      if ((await fetch(`${url}${ready.path}`, { headers: ready.headers, redirect: "manual" })).status === 200) {
        return performance.now() - started;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the app did not answer ${ready.path} within ${timeoutMs} ms`);
}

/**
 * Whether `next build` is to run: not when E2E_SKIP_BUILD=true and a build is there already. One build serves the
 * tests and the bench, so it includes the benchmark's public twin (BENCH_ROUTES=true at build time); the route
 * still answers 404 unless the server also runs with BENCH_ROUTES=true.
 */
function buildWanted(): boolean {
  return !(process.env.E2E_SKIP_BUILD === "true" && existsSync(path.join(ROOT, ".next/BUILD_ID")));
}

const BUILD_ENV = { NODE_ENV: "production", BENCH_ROUTES: "true" } as const;

/** `next build` (see buildWanted), its output on this terminal: what the bench runs. */
export function buildApp(): void {
  if (!buildWanted()) return;
  const started = Date.now();
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, ...BUILD_ENV },
  });
  if (result.status !== 0) throw new Error(`next build failed with code ${result.status}`);
  console.log(`[e2e] production build took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * `next build` (see buildWanted) beside whatever else this process runs: its output goes to `logFile`, which a
 * failure quotes the end of. `building` is handed the build's process as it starts, for stopGroup().
 */
export async function buildAppQuietly(logFile: string, building: (build: ChildProcess) => void): Promise<void> {
  if (!buildWanted()) return;
  const started = Date.now();
  mkdirSync(path.dirname(logFile), { recursive: true });
  const log = openSync(logFile, "w");
  let code: number | null;
  let signal: NodeJS.Signals | null;
  try {
    const build = spawn(process.execPath, [NEXT_BIN, "build"], {
      cwd: ROOT,
      stdio: ["ignore", log, log],
      detached: true, // its own process group: stopGroup() ends its workers too
      env: { ...process.env, ...BUILD_ENV },
    });
    building(build);
    [code, signal] = (await once(build, "exit")) as [number | null, NodeJS.Signals | null];
  } finally {
    closeSync(log);
  }
  if (code !== 0) {
    const output = readFileSync(logFile, "utf8").slice(-4_000);
    throw new Error(`next build failed (${signal ?? `code ${code}`}); the end of ${logFile}:\n${output}`);
  }
  console.log(`[e2e] production build took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * `npm run db:seed`, as a developer would run it (before a server holds the embedded database's lock). Not
 * spawnSync: servers started together (the shared ones, a test's pair) seed side by side, and the event loop of
 * the process that starts them (Vitest's own, in the global set-up) keeps running meanwhile.
 */
function seedAdmin(env: Record<string, string>, password: string): Promise<void> {
  const seed = spawn("npm", ["run", "--silent", "db:seed"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, ...env, SEED_ADMIN_PASSWORD: password, BCRYPT_COST: "10" },
  });
  let stderr = "";
  seed.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    seed.once("error", reject);
    seed.once("close", (code) => (code === 0 ? resolve() : reject(new Error(`db:seed failed: ${stderr}`))));
  });
}

/**
 * How many statements a server has sent so far on behalf of requests: with LOG_DB_QUERIES=true it logs one
 * "[db] query" line each.
 */
export function queryCountIn(logFile: string): number {
  return queryLinesIn(logFile).length;
}

/** The statements themselves, in order: what a failing count shows, so it says which statements were extra. */
export function queryLinesIn(logFile: string): string[] {
  return readFileSync(logFile, "utf8")
    .split("\n")
    .filter((line) => line.includes("[db] query:") && !line.includes(THROTTLE_CLEANUP));
}

/**
 * The throttle store's own housekeeping: every 5 minutes each limiter deletes counters that expired an hour ago
 * (rate-limiter-flexible's clearExpiredByTimeout). A timer sends it, not a request, so no request's count
 * includes it.
 */
const THROTTLE_CLEANUP = 'delete from "rate_limits" where "rate_limits"."expire" <';

/** Stops a server started with `detached: true` and every process of its group: SIGTERM, then SIGKILL after 5 s. */
export async function stopGroup(server: ChildProcess): Promise<void> {
  const running = () => server.exitCode === null && server.signalCode === null;
  if (!running() || !server.pid) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  process.kill(-server.pid, "SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  if (!running()) return;
  try {
    process.kill(-server.pid, "SIGKILL");
  } catch (error) {
    // Gone between the check and the kill: what stopping wanted.
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

export interface ReadyCheck {
  path: string;
  headers?: Record<string, string>;
}

export interface RunningApp {
  url: string;
  /** The server's process id, also its process group's (the benchmark reads its CPU time). */
  pid: number;
  /** Milliseconds from spawning the server (server.mjs) to the first 200 from the ready check. */
  readyMs: number;
  logFile: string;
  adminPassword: string;
  secret: string;
  /** The loopback SMTP server its mail goes to (unless the caller gave SMTP_URL): refuse or hang it at will. */
  mail?: MailSink;
  stop(): Promise<void>;
}

/** Where the mail of the app at `baseUrl` is kept (one folder per app, by its port): see mailDirFor's readers. */
export function mailDirFor(baseUrl: string): string {
  return path.join(ROOT, "tests/.artifacts/mail", new URL(baseUrl).port);
}

export interface AppOptions {
  /** Extra environment, e.g. AUTH_REVALIDATE_SECONDS, or DATABASE_URL to share a PostgreSQL database. */
  env?: Record<string, string>;
  /** Seed the admin account (skip for a second instance on a database that has it). */
  seed?: boolean;
  /** The admin's password to seed (default: a random one); without a seed, that of an earlier one. */
  adminPassword?: string;
  secret?: string;
  /** The embedded database's directory, kept after stop (default: a fresh one, removed after stop). */
  pgliteDir?: string;
  /** What "started" means (default: GET /api/health answers 200). */
  ready?: ReadyCheck;
  /**
   * The host name of the app's URL and AUTH_URL (default 127.0.0.1). Passkeys need `localhost`: WebAuthn's
   * relying party is AUTH_URL's host name, and an IP address is no valid RP ID. It listens on 127.0.0.1 either way.
   */
  host?: "127.0.0.1" | "localhost";
}

export async function startApp(options: AppOptions = {}): Promise<RunningApp> {
  const port = await freePort();
  const url = `http://${options.host ?? "127.0.0.1"}:${port}`;
  const dataDir = options.pgliteDir ?? mkdtempSync(path.join(os.tmpdir(), "e2e-pglite-"));
  const env = { DATABASE_URL: "", PGLITE_DIR: dataDir, ...options.env };
  const adminPassword = options.adminPassword ?? `admin-${randomBytes(12).toString("base64url")}`;
  const secret = options.secret ?? randomBytes(32).toString("base64");
  if (options.seed ?? true) await seedAdmin(env, adminPassword);

  const logDir = path.join(ROOT, "tests/.artifacts");
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `server-${port}.log`);
  const log = openSync(logFile, "w");
  // Its mail goes over real SMTP to a sink in this process, kept where any test process can read it.
  const mail = options.env?.SMTP_URL ? undefined : await startMailSink(mailDirFor(url));

  const server = spawn(process.execPath, [SERVER_ENTRY, "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    stdio: ["ignore", log, log],
    detached: true, // its own process group, so stop() ends every child it starts
    env: {
      ...process.env,
      NODE_ENV: "production",
      AUTH_SECRET: secret,
      AUTH_TRUST_HOST: "true",
      AUTH_URL: url,
      BCRYPT_COST: "10",
      LOG_DB_QUERIES: "true",
      // Every browser test (and the fuzzer's thousands of wrong passwords) comes from 127.0.0.1: a per-IP limit
      // would let one file throttle the next. The per-IP limits are tested in src/features/auth/server/throttle.int.test.ts
      // and, on servers of their own, in tests/e2e/client-ip.test.ts.
      SIGNIN_FAILURES_PER_IP: "1000000",
      SIGNUPS_PER_IP: "1000000",
      MAIL_LINKS_PER_IP: "1000000",
      ...(mail ? { SMTP_URL: mail.url, MAIL_FROM: "Edge JWT Auth <no-reply@app.test>" } : {}),
      ...env,
    },
  });

  const stop = async () => {
    await stopGroup(server);
    await mail?.close();
    if (!options.pgliteDir) rmSync(dataDir, { recursive: true, force: true });
  };

  let readyMs: number;
  try {
    readyMs = await waitUntilReady(url, options.ready ?? { path: "/api/health" }, server, 60_000);
  } catch (error) {
    await stop();
    console.error(`[e2e] server log:\n${readFileSync(logFile, "utf8").slice(-4_000)}`);
    throw error;
  }
  return { url, pid: server.pid!, readyMs, logFile, adminPassword, secret, mail, stop };
}
