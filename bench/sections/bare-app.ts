// The yardstick for the session endpoint: bench/bare-app (Next.js and next-auth at this project's versions and
// nothing of ours), built in place and started beside the app, with a session of its own.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";

import { freePort, stopGroup, waitUntilReady } from "@tests/support/app-server";
import { sessionCookie } from "@tests/support/http-session";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BARE_DIR = path.join(ROOT, "bench/bare-app");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");

export interface BareApp {
  url: string;
  /** Its process (group) id, for its CPU time. */
  pid: number;
  /** A signed-in session's Cookie header. */
  cookie: string;
  stop(): Promise<void>;
}

export async function startBareApp(): Promise<BareApp> {
  // Webpack, not Turbopack: a Turbopack build inside this project picks up the project's own src/middleware.ts and
  // src/instrumentation.ts, and the bare app must have neither.
  const built = spawnSync(process.execPath, [NEXT_BIN, "build", "--webpack"], {
    cwd: BARE_DIR,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (built.status !== 0) throw new Error(`the bare app did not build:\n${built.stdout}\n${built.stderr}`);

  return startBuiltBareApp(BARE_DIR, NEXT_BIN);
}

/**
 * Starts an app built in `dir` with `nextBin` (`next start`, on loopback, a secret of its own) and signs in to it.
 * Also what `npm run bench:versions` starts each of its copies with.
 */
export async function startBuiltBareApp(dir: string, nextBin: string): Promise<BareApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [nextBin, "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: dir,
    stdio: "ignore",
    detached: true, // its own process group: its CPU time is read per group, and stop() ends all of it
    env: {
      ...process.env,
      NODE_ENV: "production",
      AUTH_SECRET: randomBytes(32).toString("base64"),
      AUTH_TRUST_HOST: "true",
      AUTH_URL: url,
    },
  });
  try {
    await waitUntilReady(url, { path: "/api/auth/session" }, server, 60_000);
    const cookie = await sessionCookie("bare@example.com", "any password at all", url);
    return { url, pid: server.pid!, cookie, stop: () => stopGroup(server) };
  } catch (error) {
    await stopGroup(server);
    throw error;
  }
}
