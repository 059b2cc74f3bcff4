// The figures measured against the production server over HTTP: queries per request (the server logs one line
// per statement), throughput and latency of a public page vs its protected twin, p99 while sign-ins hash,
// First Load JS, and Save → navbar in Chromium.
import { randomUUID } from "node:crypto";

import { BENCH_TWIN_PATH, BENCH_USER } from "@/app/bench/public-dashboard/bench-twin";
import { HOME_PATH, readsOf, routeFor, ROUTES } from "@/config/routes";
import { queryCountIn, type RunningApp } from "@tests/support/app-server";
import { launchBrowser } from "@tests/support/chromium";
import { pageScripts, SERVER_AUTH_MARKERS, SESSION_CLIENT_MARKER } from "@tests/support/client-bundle";
import { browserCookies, sessionCookie, signUpDirect } from "@tests/support/http-session";
import { saveAndTimeNavbar } from "@tests/support/profile-timing";
import { ageCookieHeader } from "@tests/support/session-clock";

import { hammer, type Load } from "../lib/autocannon";
import { groupCpuMs } from "../lib/cpu";
import { settings } from "../lib/settings";
import { atLeast, atMost, exactly, figure, none, type Figure } from "../lib/stats";
import type { BareApp } from "./bare-app";

const PASSWORD = "bench person's long passphrase";

export class BenchServer {
  constructor(readonly app: RunningApp) {}

  get url(): string {
    return this.app.url;
  }

  /** The bench person's account (made on first use; with DATABASE_URL it may exist from an earlier run). */
  async ensureBenchUser(): Promise<void> {
    await signUpDirect({ ...BENCH_USER, password: PASSWORD }, this.url).catch(() => undefined);
    await this.cookie(); // fails loudly if the account is not usable
  }

  /** A fresh session cookie: a token younger than AUTH_REVALIDATE_SECONDS, so no request re-checks it. */
  cookie(): Promise<string> {
    return sessionCookie(BENCH_USER.email, PASSWORD, this.url);
  }

  queriesSoFar(): number {
    return queryCountIn(this.app.logFile);
  }

  async queriesDuring(action: () => Promise<unknown>): Promise<number> {
    const before = this.queriesSoFar();
    await action();
    return this.queriesSoFar() - before;
  }
}

/**
 * Statements sent per request, each request repeated. The goal is none for auth: only what a route declares it reads
 * for its own content (`reads` in src/config/routes.ts; 0 for all of these unless a fork shows more there).
 */
export async function queriesPerRequest(server: BenchServer, repeats: number): Promise<Figure[]> {
  const cookie = await server.cookie();
  const targets: Array<[string, string, string]> = [
    ["protected page view (middleware + render): GET /dashboard", ROUTES.dashboard.path, cookie],
    ["GET /api/auth/session", "/api/auth/session", cookie],
    ["GET /api/me", ROUTES.me.path, cookie],
    ["public page, signed out: GET /", HOME_PATH, ""],
    ["public page, signed in: GET /", HOME_PATH, cookie],
  ];
  const figures: Figure[] = [];
  for (const [label, path, header] of targets) {
    const counts: number[] = [];
    for (let index = 0; index < repeats; index += 1) {
      counts.push(
        await server.queriesDuring(async () => {
          const response = await fetch(`${server.url}${path}`, { headers: { cookie: header }, redirect: "manual" });
          if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
          await response.arrayBuffer();
        }),
      );
    }
    const declared = readsOf(routeFor(path));
    figures.push(figure(label, "queries", counts, declared === 0 ? none : exactly(declared)));
  }
  figures.push(await queriesPerRecheck(server, repeats));
  return figures;
}

/**
 * What a session costs once per AUTH_REVALIDATE_SECONDS: a token past the bound (its clock moved, as
 * tests/support/session-clock.ts does) re-checked by GET /api/auth/session — its user, its device session and
 * "last seen", in one statement.
 */
async function queriesPerRecheck(server: BenchServer, repeats: number): Promise<Figure> {
  const counts: number[] = [];
  for (let index = 0; index < repeats; index += 1) {
    const stale = await ageCookieHeader(await server.cookie(), server.app.secret, 86_400);
    counts.push(
      await server.queriesDuring(async () => {
        const response = await fetch(`${server.url}/api/auth/session`, { headers: { cookie: stale } });
        const session = (await response.json()) as { user?: { email?: string } } | null;
        if (session?.user?.email !== BENCH_USER.email) throw new Error("the re-checked session was not kept");
      }),
    );
  }
  return figure(
    "a session's re-check, once per AUTH_REVALIDATE_SECONDS: GET /api/auth/session",
    "queries",
    counts,
    atMost(1, "query"),
  );
}

interface Target {
  key: string;
  label: string;
  path: string;
  signedIn: boolean;
  /** Which server: the app, or the bare Next.js + next-auth app at the same versions (./bare-app.ts). */
  on?: "bare";
  /** The health check asks the database by design (`select 1`): its queries are not a session's. */
  queries?: "expected";
}

const THROUGHPUT_TARGETS: Target[] = [
  {
    key: "public",
    label: `public twin of /dashboard, signed out: ${BENCH_TWIN_PATH}`,
    path: BENCH_TWIN_PATH,
    signedIn: false,
  },
  { key: "publicSignedIn", label: `public twin, signed in: ${BENCH_TWIN_PATH}`, path: BENCH_TWIN_PATH, signedIn: true },
  { key: "protected", label: "protected page: /dashboard", path: "/dashboard", signedIn: true },
  { key: "session", label: "GET /api/auth/session", path: "/api/auth/session", signedIn: true },
  {
    key: "bareSession",
    label: "GET /api/auth/session of the bare app (bench/bare-app)",
    path: "/api/auth/session",
    signedIn: true,
    on: "bare",
  },
  {
    key: "trivialSignedOut",
    label: "a trivial route, signed out: /api/health",
    path: "/api/health",
    signedIn: false,
    queries: "expected",
  },
  {
    key: "trivialSignedIn",
    label: "a trivial route, signed in: /api/health",
    path: "/api/health",
    signedIn: true,
    queries: "expected",
  },
];

/**
 * autocannon on each target in turn, `runs` rounds interleaved (the bare app's among them), with the
 * server's CPU time per request; the ratios are taken per round.
 */
export async function throughput(
  server: BenchServer,
  bare: BareApp,
): Promise<{ figures: Figure[]; queriesUnderLoad: number }> {
  const where = (target: Target) =>
    target.on === "bare" ? { url: bare.url, pid: bare.pid } : { url: server.url, pid: server.app.pid };
  const headersFor = (target: Target, cookie: string): Record<string, string> =>
    target.signedIn ? { cookie: target.on === "bare" ? bare.cookie : cookie } : {};
  const cookie = await server.cookie();
  // Warm-up: JIT, route compilation caches, connection pools.
  for (const target of THROUGHPUT_TARGETS)
    await hammer(`${where(target).url}${target.path}`, headersFor(target, cookie), { seconds: 2 });

  const loads = new Map<string, Load[]>(THROUGHPUT_TARGETS.map((target) => [target.key, []]));
  const cpuPerRequest = new Map<string, number[]>(THROUGHPUT_TARGETS.map((target) => [target.key, []]));
  let queries = 0;
  for (let run = 0; run < settings.runs; run += 1) {
    const fresh = await server.cookie();
    for (const target of THROUGHPUT_TARGETS) {
      const { url, pid } = where(target);
      const sent = await server.queriesDuring(async () => {
        const cpuBefore = groupCpuMs(pid);
        const load = await hammer(`${url}${target.path}`, headersFor(target, fresh));
        loads.get(target.key)!.push(load);
        cpuPerRequest.get(target.key)!.push((groupCpuMs(pid) - cpuBefore) / load.requests);
      });
      if (target.queries !== "expected") queries += sent;
    }
  }
  const figures: Figure[] = [];
  for (const target of THROUGHPUT_TARGETS) {
    const runs = loads.get(target.key)!;
    figures.push(
      figure(
        `${target.label} — req/s`,
        "req/s",
        runs.map((load) => load.requestsPerSecond),
      ),
    );
    figures.push(
      figure(
        `${target.label} — p50`,
        "ms",
        runs.map((load) => load.p50),
      ),
    );
    figures.push(
      figure(
        `${target.label} — p99`,
        "ms",
        runs.map((load) => load.p99),
      ),
    );
    figures.push(figure(`${target.label} — server CPU per request`, "ms", cpuPerRequest.get(target.key)!));
  }
  const ratio = (of: string, over: string) =>
    loads.get(of)!.map((load, run) => load.requestsPerSecond / loads.get(over)!.at(run)!.requestsPerSecond);
  const cpuCost = (of: string, over: string) =>
    cpuPerRequest.get(of)!.map((ms, run) => ms - cpuPerRequest.get(over)!.at(run)!);
  figures.push(
    figure(
      "req/s ratio /dashboard signed in / its public twin signed out (what a session costs a page)",
      "×",
      ratio("protected", "public"),
      atLeast(0.8),
    ),
  );
  figures.push(
    figure(
      "req/s ratio protected / public, same signed-in visitor (what the guard and requirePage cost)",
      "×",
      ratio("protected", "publicSignedIn"),
      atLeast(0.9),
    ),
  );
  figures.push(
    figure(
      "req/s ratio /api/health signed in / signed out (what carrying a session costs a route outside the guard)",
      "×",
      ratio("trivialSignedIn", "trivialSignedOut"),
      atLeast(0.8),
    ),
  );
  figures.push(
    figure(
      "req/s ratio GET /api/auth/session, ours / the bare app's",
      "×",
      ratio("session", "bareSession"),
      atLeast(0.9),
    ),
  );
  figures.push(
    figure(
      "CPU a session costs a page: /dashboard signed in − its twin signed out",
      "ms",
      cpuCost("protected", "public"),
    ),
  );
  figures.push(figure("CPU our session endpoint costs over the bare app's", "ms", cpuCost("session", "bareSession")));
  return { figures, queriesUnderLoad: queries };
}

/** p99 of /dashboard alone, then while `signInStreams` sign-ins run back to back; interleaved runs. */
export async function latencyUnderSignIns(server: BenchServer): Promise<Figure[]> {
  const idle: number[] = [];
  const loaded: number[] = [];
  const ratios: number[] = [];
  const signInsPerSecond: number[] = [];
  for (let run = 0; run < settings.runs; run += 1) {
    const cookie = await server.cookie();
    const light = { connections: settings.loadConnections };
    const alone = await hammer(`${server.url}/dashboard`, { cookie }, light);

    let signingIn = true;
    let signIns = 0;
    const stream = async () => {
      while (signingIn) {
        await server.cookie();
        signIns += 1;
      }
    };
    const started = performance.now();
    const streams = Array.from({ length: settings.signInStreams }, stream);
    const during = await hammer(`${server.url}/dashboard`, { cookie }, light);
    signingIn = false;
    await Promise.all(streams);
    signInsPerSecond.push(signIns / ((performance.now() - started) / 1000));

    idle.push(alone.p99);
    loaded.push(during.p99);
    ratios.push(during.p99 / alone.p99);
  }
  return [
    figure(`GET /dashboard p99, idle (${settings.loadConnections} connections)`, "ms", idle),
    figure(`GET /dashboard p99, ${settings.signInStreams} sign-ins in flight`, "ms", loaded),
    figure("sign-ins completed meanwhile", "per s", signInsPerSecond),
    figure("p99 under sign-ins / idle p99", "×", ratios, atMost(2, "×")),
  ];
}

/** Client JS: what a first visit to each page downloads, and that no server-side auth code is in it. */
export async function firstLoadJs(server: BenchServer): Promise<{ figures: Figure[]; serverAuthCode: string[] }> {
  const cookie = await server.cookie();
  const figures: Figure[] = [];
  const found = new Set<string>();
  for (const [path, header] of [
    ["/login", ""],
    ["/profile", cookie],
    ["/dashboard", cookie],
  ] as const) {
    const scripts = await pageScripts(`${server.url}${path}`, header);
    if (!scripts.sources.some((source) => source.includes(SESSION_CLIENT_MARKER)))
      throw new Error(`${path}: no session client in its scripts?`);
    for (const [name, marker] of Object.entries(SERVER_AUTH_MARKERS)) {
      if (scripts.sources.some((source) => source.includes(marker))) found.add(`${name} on ${path}`);
    }
    figures.push(figure(`First Load JS ${path} (${scripts.files} files)`, "KB gzip", [scripts.gzipBytes / 1000]));
  }
  return { figures, serverAuthCode: [...found] };
}

/** Save on /profile → the navbar shows the new name, timed inside Chromium, for a person of its own. */
export async function profileSave(server: BenchServer): Promise<Figure> {
  const person = {
    name: "Profile Bench",
    email: `profile-bench-${randomUUID().slice(0, 8)}@example.com`,
    password: PASSWORD,
  };
  await signUpDirect(person, server.url);
  const cookie = await sessionCookie(person.email, person.password, server.url);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    await context.addCookies(browserCookies(cookie, server.url));
    const page = await context.newPage();
    await page.goto(`${server.url}/profile`, { waitUntil: "networkidle" }); // hydrated: Save runs the JS path
    const timings: number[] = [];
    for (let save = 1; save <= settings.profileSaves; save += 1) {
      await page.getByLabel("Name", { exact: true }).fill(`Profile Bench ${save}`);
      timings.push(await saveAndTimeNavbar(page, `Profile Bench ${save}`));
      await page.getByRole("status").filter({ hasText: "Profile saved" }).waitFor();
    }
    await context.close();
    return figure(`profile Save → navbar updated (${settings.profileSaves} saves)`, "ms", timings, atMost(300, "ms"));
  } finally {
    await browser.close();
  }
}
