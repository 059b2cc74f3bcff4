// from spawning `npm start` (server.mjs) to the first protected page answered 200 — the embedded database's start
// included (instrumentation opens it before the first request). Twice: on a fresh data directory (initdb and
// migrations, a newcomer's first start) and on an existing one (a restart). The session cookie comes from the
// benchmark's server and the same secret: the page needs no row, the token is enough.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { startApp } from "@tests/support/app-server";

import { settings } from "../lib/settings";
import { figure, type Figure } from "../lib/stats";

export async function coldStart(secret: string, cookie: string, env: Record<string, string>): Promise<Figure[]> {
  const ready = { path: "/dashboard", headers: { cookie } };
  const start = async (pgliteDir?: string) => {
    const app = await startApp({ seed: false, secret, env, ready, ...(pgliteDir ? { pgliteDir } : {}) });
    await app.stop();
    return app.readyMs;
  };
  const fresh: number[] = [];
  const restart: number[] = [];
  const existing = mkdtempSync(path.join(os.tmpdir(), "bench-pglite-"));
  try {
    await start(existing); // creates it
    for (let run = 0; run < settings.coldStarts; run += 1) {
      if (!settings.databaseUrl) fresh.push(await start());
      restart.push(await start(existing));
    }
  } finally {
    rmSync(existing, { recursive: true, force: true });
  }
  return [
    ...(fresh.length ? [figure("cold start, new embedded database (initdb + migrations)", "ms", fresh)] : []),
    figure(
      settings.databaseUrl ? "cold start (DATABASE_URL)" : "cold start, existing embedded database",
      "ms",
      restart,
    ),
  ];
}
