// `npm run bench:versions`: which costs a session read more than it used to — Next.js 16 or Auth.js beta.32? The
// bare app (bench/bare-app) is installed from the registry three times, in temporary folders outside the project,
// at three pairs of versions: the older starter's (Next 14, next-auth 5.0.0-beta.4), Next 14 with our next-auth,
// and ours. Each is built with webpack (Next 14's only bundler), started, signed in, and its GET /api/auth/session
// measured in interleaved rounds: requests per second and server CPU per request. Run by hand (it downloads a
// few hundred MB); it prints a table and writes bench/versions.json.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { hammer } from "./lib/autocannon";
import { groupCpuMs } from "./lib/cpu";
import { settings } from "./lib/settings";
import { figure, type Figure } from "./lib/stats";
import { startBuiltBareApp, type BareApp } from "./sections/bare-app";

interface Variant {
  label: string;
  next: string;
  nextAuth: string;
  react: string;
  buildArgs: string[];
}

const VARIANTS: Variant[] = [
  {
    label: "Next 14.2.35 + next-auth 5.0.0-beta.4 (the older starter's)",
    next: "14.2.35",
    nextAuth: "5.0.0-beta.4",
    react: "18.3.1",
    buildArgs: ["build"],
  },
  {
    label: "Next 14.2.35 + next-auth 5.0.0-beta.32",
    next: "14.2.35",
    nextAuth: "5.0.0-beta.32",
    react: "18.3.1",
    buildArgs: ["build"],
  },
  {
    label: "Next 16.4.6 + next-auth 5.0.0-beta.32 (ours)",
    next: "16.4.6",
    nextAuth: "5.0.0-beta.32",
    react: "19.3.1",
    buildArgs: ["build", "--webpack"],
  },
];

const BARE_APP = path.join(import.meta.dirname, "bare-app");
const log = (message: string) => console.error(`[versions] ${message}`);

interface Running extends BareApp {
  variant: Variant;
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`);
}

async function prepare(variant: Variant, dir: string): Promise<Running> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(BARE_APP, dir, { recursive: true, filter: (source) => !source.includes(`${path.sep}.next`) });
  const dependencies = {
    next: variant.next,
    "next-auth": variant.nextAuth,
    react: variant.react,
    "react-dom": variant.react,
  };
  writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "bench-versions", private: true, type: "module", dependencies }, null, 2),
  );
  log(`${variant.label}: npm install`);
  run("npm", ["install", "--no-audit", "--no-fund", "--save-exact"], dir);
  log(`${variant.label}: next ${variant.buildArgs.join(" ")}`);
  const next = path.join(dir, "node_modules/next/dist/bin/next");
  run(process.execPath, [next, ...variant.buildArgs], dir);
  return { variant, ...(await startBuiltBareApp(dir, next)) };
}

const root = path.join(os.tmpdir(), "bench-versions");
const running: Running[] = [];
try {
  for (const [index, variant] of VARIANTS.entries())
    running.push(await prepare(variant, path.join(root, String(index))));
  for (const { url, cookie } of running) await hammer(`${url}/api/auth/session`, { cookie }, { seconds: 2 }); // warm-up
  const rps = new Map<Running, number[]>(running.map((each) => [each, []]));
  const cpu = new Map<Running, number[]>(running.map((each) => [each, []]));
  for (let round = 0; round < settings.runs; round += 1) {
    for (const each of running) {
      const before = groupCpuMs(each.pid);
      const load = await hammer(`${each.url}/api/auth/session`, { cookie: each.cookie });
      rps.get(each)!.push(load.requestsPerSecond);
      cpu.get(each)!.push((groupCpuMs(each.pid) - before) / load.requests);
    }
  }
  const figures: Figure[] = running.flatMap((each) => [
    figure(`${each.variant.label}: GET /api/auth/session, req/s`, "req/s", rps.get(each)!),
    figure(`${each.variant.label}: server CPU per request`, "ms", cpu.get(each)!),
  ]);
  const lines = ["| figure | median | min | max |", "|---|---:|---:|---:|"];
  for (const item of figures)
    lines.push(
      `| ${item.label} | ${item.median.toFixed(2)} ${item.unit} | ${item.min.toFixed(2)} | ${item.max.toFixed(2)} |`,
    );
  console.log(
    `${new Date().toISOString().slice(0, 10)} · ${settings.cores} cores · Node ${process.version} · ${settings.runs} rounds × ${settings.seconds} s, ${settings.connections} connections\n`,
  );
  console.log(lines.join("\n"));
  writeFileSync(path.join(import.meta.dirname, "versions.json"), `${JSON.stringify({ figures }, null, 2)}\n`);
} finally {
  await Promise.all(running.map((each) => each.stop()));
  rmSync(root, { recursive: true, force: true });
}
