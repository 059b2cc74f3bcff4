// The browser tests' global set-up: the production build, and one shared server per worker, so a test file has
// its server to itself while it runs — what it counts in the server's log (statementsDuring), finds in its mailbox or
// changes (the admin's role) is its own, as when the files ran one at a time.
//
// Vitest runs every project's global set-up before any test, and the browser tests after the others
// (groupOrder), so the set-up does not wait for the build: it builds and starts the servers in the background,
// beside the unit and integration tests, whose waits leave a core idle much of the time. Each browser test file
// waits for them first (./shared-apps-ready.ts). Where they are is handed over in a file, not with provide():
// Vitest gives a worker what was provided when the run's files were scheduled, before the servers exist.
import { type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

import { ADMIN_EMAIL, buildAppQuietly, startApp, stopGroup, type AppOptions, type RunningApp } from "./app-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where the global set-up writes the shared servers once they answer: read through ./app.ts. */
    sharedAppsFile: string;
    adminEmail: string;
    /** The seeded admin's password and the AUTH_SECRET: the same on every shared server. */
    adminPassword: string;
    appSecret: string;
  }
}

/** What a test process needs of a shared server (its process and mail sink stay in the global set-up's). */
export interface SharedApp {
  url: string;
  logFile: string;
}

type Handoff = { apps: SharedApp[] } | { error: string };

const BUILD_LOG = path.resolve(import.meta.dirname, "../.artifacts/next-build.log");

/** The shared servers written to `file`, or undefined while they are still starting; throws what stopped them. */
export function readSharedApps(file: string): SharedApp[] | undefined {
  let handoff: Handoff;
  try {
    handoff = JSON.parse(readFileSync(file, "utf8")) as Handoff;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  if ("error" in handoff) throw new Error(`the browser tests' servers did not start: ${handoff.error}`);
  return handoff.apps;
}

function writeHandoff(file: string, handoff: Handoff): void {
  // Renamed into place: a worker polling for the file never reads half of it.
  writeFileSync(`${file}.partial`, JSON.stringify(handoff));
  renameSync(`${file}.partial`, file);
}

/**
 * How many test files of `project` Vitest runs at once, as its pool decides it (resolveMaxWorkers in Vitest's
 * source): the project's maxWorkers (1 under fileParallelism: false), else the run's, else one core less than
 * there are. Each of them gets a shared server.
 */
function workersOf(project: TestProject): number {
  if (project.config.maxWorkers) return project.config.maxWorkers;
  if (project.vitest.config.maxWorkers) return project.vitest.config.maxWorkers;
  return Math.max(os.availableParallelism() - 1, 1);
}

/** Starts `count` servers side by side; if one fails, stops the others before throwing. */
async function startApps(count: number, options: AppOptions): Promise<RunningApp[]> {
  const started = await Promise.allSettled(Array.from({ length: count }, () => startApp(options)));
  const apps = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const failed = started.find((result) => result.status === "rejected");
  if (failed) {
    await Promise.all(apps.map((app) => app.stop()));
    throw failed.reason;
  }
  return apps;
}

export default function setup(project: TestProject): () => Promise<void> {
  const adminPassword = `admin-${randomBytes(12).toString("base64url")}`;
  const secret = randomBytes(32).toString("base64");
  // One per run: two runs on one machine (a developer's and an agent's) never read each other's.
  const handoffDir = mkdtempSync(path.join(os.tmpdir(), "e2e-shared-apps-"));
  const handoffFile = path.join(handoffDir, "apps.json");
  project.provide("sharedAppsFile", handoffFile);
  project.provide("adminEmail", ADMIN_EMAIL);
  project.provide("adminPassword", adminPassword);
  project.provide("appSecret", secret);

  let build: ChildProcess | undefined;
  let stopping = false;
  const started = (async () => {
    await buildAppQuietly(BUILD_LOG, (child) => (build = child));
    if (stopping) return [];
    const began = Date.now();
    const apps = await startApps(workersOf(project), { adminPassword, secret });
    console.log(`[e2e] ${apps.length} shared servers answered in ${((Date.now() - began) / 1000).toFixed(1)} s`);
    return apps;
  })();
  const running = started.then(
    (apps) => {
      writeHandoff(handoffFile, { apps: apps.map(({ url, logFile }) => ({ url, logFile })) });
      return apps;
    },
    (error: Error) => {
      // The whole story once, here; each test file repeats its first line.
      if (!stopping) console.error(`[e2e] ${error.message}`);
      writeHandoff(handoffFile, { error: error.message.split("\n")[0]! });
      return [];
    },
  );

  return async () => {
    // A run that ends early (a failure with --bail, Ctrl-C) does not wait for a build nobody needs any more.
    stopping = true;
    if (build) await stopGroup(build);
    await Promise.all((await running).map((app) => app.stop()));
    rmSync(handoffDir, { recursive: true, force: true });
  };
}
