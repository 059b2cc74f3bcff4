// How hard the benchmark pushes. Defaults give stable medians in a few minutes; BENCH_SMOKE=true runs every
// section once with tiny durations (CI does, so the script cannot rot). All overridable from the environment.
import os from "node:os";
import path from "node:path";

const smoke = process.env.BENCH_SMOKE === "true";
const number = (name: string, fallback: number, smokeValue: number) =>
  Number(process.env[name] ?? (smoke ? smokeValue : fallback));

export const settings = {
  smoke,
  /** Repetitions of each figure (median, min, max are over these). */
  runs: number("BENCH_RUNS", 5, 1),
  /** Seconds of each autocannon measurement. */
  seconds: number("BENCH_SECONDS", 10, 1),
  /** Concurrent connections of each autocannon measurement. */
  connections: number("BENCH_CONNECTIONS", 10, 2),
  /** Connections of the "hashing under load" figure: light traffic, so p99 shows stalls, not queueing. */
  loadConnections: number("BENCH_LOAD_CONNECTIONS", 2, 2),
  /** Sign-ins in flight at once during the "hashing under load" figure. */
  signInStreams: number("BENCH_SIGNIN_STREAMS", 2, 1),
  /** In-process sign-in rounds (each: one correct, one wrong, one unknown email, one bare compare). */
  signInRounds: number("BENCH_SIGNIN_ROUNDS", 15, 2),
  /** Profile saves timed in Chromium. */
  profileSaves: number("BENCH_PROFILE_SAVES", 20, 2),
  /** Cold starts of `npm start` (server.mjs). */
  coldStarts: number("BENCH_COLD_STARTS", 5, 1),
  /** The bcrypt cost the app runs with, as in production (12 unless BCRYPT_COST says otherwise). */
  bcryptCost: process.env.BCRYPT_COST ?? "12",
  databaseUrl: process.env.DATABASE_URL || undefined,
  skipBuild: process.env.BENCH_SKIP_BUILD === "true",
  /** Build a bare Auth.js middleware to measure the size floor (about 20 s); smoke runs cite it instead. */
  measureFloor: process.env.BENCH_FLOOR ? process.env.BENCH_FLOOR === "true" : !smoke,
  /** Where the figures go (the smoke test points this elsewhere, so it never overwrites a real run's). */
  resultsFile: process.env.BENCH_RESULTS ?? path.join(import.meta.dirname, "../results.json"),
  cores: os.availableParallelism(),
  cpu: os.cpus()[0]?.model ?? "unknown CPU",
};
