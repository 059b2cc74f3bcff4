import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// `npm run bench` is a script, not a test: its numbers are never asserted. This runs every section once with
// tiny durations against the production build the browser tests use, so the script cannot rot, and checks
// what does not depend on the machine: it finishes, reports every section, and the query counts are 0.
interface Figure {
  label: string;
  median: number;
  goal?: string;
  met?: boolean;
}

describe("npm run bench (smoke: every section once, tiny durations)", () => {
  it("runs to the end and reports every figure", { timeout: 300_000 }, () => {
    const results = path.resolve("tests/.artifacts/bench-smoke.json");
    mkdirSync(path.dirname(results), { recursive: true });
    const run = spawnSync("npm", ["run", "--silent", "bench"], {
      encoding: "utf8",
      env: { ...process.env, BENCH_SMOKE: "true", BENCH_SKIP_BUILD: "true", BENCH_RESULTS: results },
      timeout: 280_000,
    });
    expect(run.status, run.stderr.slice(-3_000)).toBe(0);
    expect(run.stdout).toContain("| figure | median | min | max | goal |");

    const report = JSON.parse(readFileSync(results, "utf8")) as { sections: Record<string, Figure[]>; notes: string[] };
    expect(Object.keys(report.sections)).toEqual(
      expect.arrayContaining([
        "Edge guard",
        "Queries per request",
        "Throughput and latency",
        "Hashing under load",
        "Client JS",
        "Profile round trip",
        "Oversized input",
        "Who has an account (timing)",
        "Cold start",
        "Sign-in during a flood",
        "Sign-in cost",
        "Auth.js session read",
        "Access tokens",
      ]),
    );
    const figures = Object.values(report.sections).flat();
    for (const item of figures) expect(Number.isFinite(item.median), item.label).toBe(true);
    // Machine-independent: the app's requests send no query; the database-session baseline sends one.
    const queries = report.sections["Queries per request"]!;
    expect(queries.filter((item) => item.goal === "0").every((item) => item.median === 0 && item.met)).toBe(true);
    expect(queries.find((item) => item.label.includes("looked up in the session callback"))?.median).toBe(1);
    expect(report.notes.join("\n")).toContain("the only auth code");
  });
});
