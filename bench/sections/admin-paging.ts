// /admin on 100,000 accounts: is a page still one indexed statement? On the PostgreSQL server (TEST_POSTGRES_URL,
// default 127.0.0.1:5432) it creates a database of its own, migrates it with the committed migrations, seeds the
// accounts with one INSERT … SELECT generate_series (and device sessions for a tenth of them), then times the
// app's own query (src/db/admin-users.ts, through the Neon driver and the relay, as the app sends it): the first
// page, a page from deep in the set, searches by email and by name, and a search's later page. Each figure also
// says how many statements it sent, and the notes carry the top of its EXPLAIN (ANALYZE, BUFFERS). The database
// is dropped at the end.
//
// It runs in a child process: the app's modules read DATABASE_URL once, and the in-process sections of the same
// run point it elsewhere.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";

import { postgresAdminUrl, serverReachable } from "@tests/support/environment";

import { settings } from "../lib/settings";
import { figure, type Figure } from "../lib/stats";

const ROOT = path.resolve(import.meta.dirname, "../..");

export async function adminPaging(): Promise<{ figures: Figure[]; notes: string[] }> {
  if (!(await serverReachable(postgresAdminUrl())))
    return { figures: [], notes: [`admin paging: SKIPPED, no PostgreSQL server at ${postgresAdminUrl()}`] };
  const child = spawnSync(
    path.join(ROOT, "node_modules/.bin/tsx"),
    ["--conditions=react-server", path.join(import.meta.dirname, "admin-paging-child.ts")],
    {
      cwd: ROOT,
      encoding: "utf8",
      env: {
        ...process.env,
        NODE_ENV: "test",
        DATABASE_URL: "",
        BENCH_ADMIN_DATABASE: `bench_admin_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`,
        BENCH_ADMIN_USERS: String(settings.smoke ? 2_000 : Number(process.env.BENCH_ADMIN_USERS ?? 100_000)),
        BENCH_ADMIN_RUNS: String(settings.smoke ? 1 : Math.max(15, settings.runs)),
      },
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  if (child.status !== 0) throw new Error(`the admin-paging child exited with ${child.status}`);
  const result = JSON.parse(child.stdout) as {
    figures: Array<{ label: string; unit: string; runs: number[] }>;
    notes: string[];
  };
  return {
    figures: result.figures.map(({ label, unit, runs }) =>
      figure(label, unit, runs, unit === "statements" ? { text: "1", met: (value) => value === 1 } : undefined),
    ),
    notes: result.notes,
  };
}
