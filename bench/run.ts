// `npm run bench`: builds the app for production, starts it on loopback (embedded database unless DATABASE_URL
// is set), and measures what the docs promise — zero-query sessions, a lean Edge guard, sign-in cost, hashing
// under load, the profile round trip, cold start and client JS. Prints a Markdown table (for bench/README.md) and
// writes bench/results.json. Numbers, not assertions: a missed goal is marked ✗, the script still exits 0.
//
//   npm run bench                      every section (about 10 minutes on 2 cores)
//   npm run bench -- signin size       only those sections: size queries throughput load js profile oversized
//                                      enumeration cold flood signin guard authjs admin-paging two-factor
//                                      access-tokens
//   BENCH_SMOKE=true npm run bench     every section once, tiny durations (CI runs this so the script cannot rot)
import { writeFileSync } from "node:fs";
import path from "node:path";

import { buildApp, startApp } from "@tests/support/app-server";
import { MIDDLEWARE_GZIP_BUDGET } from "@tests/support/middleware-bundle";

import { settings } from "./lib/settings";
import { figure, none, type Figure } from "./lib/stats";
import { adminPaging } from "./sections/admin-paging";
import { startBareApp } from "./sections/bare-app";
import { coldStart } from "./sections/cold-start";
import { appMiddlewareSize, CITED_FLOOR_GZIP, floorMiddlewareSize } from "./sections/edge-size";
import { signInDuringFlood } from "./sections/flood";
import { oversizedPassword } from "./sections/oversized";
import {
  BenchServer,
  firstLoadJs,
  latencyUnderSignIns,
  profileSave,
  queriesPerRequest,
  throughput,
} from "./sections/server";
import { accountEnumerationTiming } from "./sections/who-has-an-account";

const SECTIONS = [
  "size",
  "queries",
  "throughput",
  "load",
  "js",
  "profile",
  "oversized",
  "enumeration",
  "cold",
  "flood",
  "signin",
  "guard",
  "authjs",
  "admin-paging",
  "two-factor",
  "access-tokens",
] as const;
type Section = (typeof SECTIONS)[number];
const asked = process.argv.slice(2).filter((arg) => arg !== "--");
const unknown = asked.filter((arg) => !(SECTIONS as readonly string[]).includes(arg));
if (unknown.length) {
  console.error(`unknown section(s): ${unknown.join(", ")}; known: ${SECTIONS.join(" ")}`);
  process.exit(2);
}
const wanted = (section: Section) => asked.length === 0 || asked.includes(section);

const results: Record<string, Figure[]> = {};
const notes: string[] = [];
const log = (message: string) => console.error(`[bench] ${message}`);

function section(name: string, figures: Figure[]): void {
  results[name] = [...(results[name] ?? []), ...figures];
}

// The admin-paging section talks to the database alone: asked for by itself, it needs no build.
const needsBuild = SECTIONS.some((name) => name !== "admin-paging" && wanted(name));
if (!settings.skipBuild && needsBuild) {
  log("next build");
  buildApp();
}

if (wanted("size")) {
  log("Edge guard size");
  const ours = appMiddlewareSize();
  const floor = settings.measureFloor ? floorMiddlewareSize().gzipBytes : CITED_FLOOR_GZIP;
  const floorNote = settings.measureFloor
    ? "built here: NextAuth({ providers: [] }).auth, same matcher"
    : "cited (BENCH_FLOOR=true builds it)";
  section("Edge guard", [
    figure("middleware bundle, gzip", "KB", [ours.gzipBytes / 1000], {
      text: `≤ ${MIDDLEWARE_GZIP_BUDGET / 1000} KB (CI budget)`,
      met: (kb) => kb * 1000 <= MIDDLEWARE_GZIP_BUDGET,
    }),
    figure("bare Auth.js v5 middleware (floor), gzip", "KB", [floor / 1000], undefined, floorNote),
    figure("ours / floor", "×", [ours.gzipBytes / floor], { text: "≤ 1.1", met: (ratio) => ratio <= 1.1 }),
  ]);
}

const env: Record<string, string> = { BCRYPT_COST: settings.bcryptCost, BENCH_ROUTES: "true" };
if (settings.databaseUrl) env.DATABASE_URL = settings.databaseUrl;

// Mail-link requests per address: the enumeration figure asks for many links for one existing account, and signs
// in to it with a wrong password every round (a stranger probing many addresses meets no per-account limit).
env.MAIL_LINKS_PER_EMAIL = "1000";
env.SIGNIN_FAILURES_PER_EMAIL_AND_IP = "100"; // its ceiling

const serverSections: Section[] = [
  "queries",
  "throughput",
  "load",
  "js",
  "profile",
  "oversized",
  "enumeration",
  "cold",
];
if (serverSections.some(wanted)) {
  log("starting the production server");
  const app = await startApp({ seed: false, env });
  const server = new BenchServer(app);
  let coldStartCookie = "";
  try {
    await server.ensureBenchUser();
    if (wanted("queries")) {
      log("queries per request");
      section("Queries per request", await queriesPerRequest(server, Math.max(3, settings.runs)));
    }
    if (wanted("throughput")) {
      log("building and starting the bare app (bench/bare-app)");
      const bare = await startBareApp();
      try {
        log(
          `throughput: ${settings.runs} interleaved rounds × 7 targets × ${settings.seconds} s, ${settings.connections} connections`,
        );
        const { figures, queriesUnderLoad } = await throughput(server, bare);
        section("Throughput and latency", figures);
        section("Queries per request", [
          figure(
            "queries sent during every throughput run (but the health check's own)",
            "queries",
            [queriesUnderLoad],
            none,
          ),
        ]);
      } finally {
        await bare.stop();
      }
    }
    if (wanted("load")) {
      log("p99 while sign-ins hash");
      section("Hashing under load", await latencyUnderSignIns(server));
    }
    if (wanted("js")) {
      log("First Load JS");
      const { figures, serverAuthCode } = await firstLoadJs(server);
      section("Client JS", figures);
      notes.push(
        serverAuthCode.length
          ? `server-side auth code in client JS: ${serverAuthCode.join(", ")}`
          : "client JS: next-auth/react's session client is the only auth code (no jose, bcryptjs, drizzle-orm or @auth/core server code)",
      );
    }
    if (wanted("profile")) {
      log("profile Save → navbar in Chromium");
      section("Profile round trip", [await profileSave(server)]);
    }
    if (wanted("oversized")) {
      log("a 9 MB password against the credentials API");
      section("Oversized input", await oversizedPassword(server.url));
    }
    if (wanted("enumeration")) {
      log("who has an account? sign-up and forgot-password timing");
      section("Who has an account (timing)", await accountEnumerationTiming(server.url));
    }
    // The cold starts' servers share this one's secret; a token minted now is still fresh when they answer.
    if (wanted("cold")) coldStartCookie = await server.cookie();
  } finally {
    await app.stop();
  }
  if (wanted("cold")) {
    log("cold starts");
    section("Cold start", await coldStart(app.secret, coldStartCookie, env));
  }
}

if (wanted("flood")) {
  log("a legitimate sign-in during a flood of sign-in attempts");
  section("Sign-in during a flood", await signInDuringFlood(env));
}

if (wanted("signin") || wanted("guard") || wanted("authjs") || wanted("two-factor") || wanted("access-tokens")) {
  const inProcess = await import("./sections/in-process");
  inProcess.configure();
  if (wanted("guard")) {
    log("the Edge guard's own time, in this process");
    section("Edge guard", await inProcess.guardCost());
  }
  if (wanted("authjs")) {
    log("what a session read costs inside Auth.js, in this process");
    section("Auth.js session read", await inProcess.authJsSessionParts());
  }
  if (wanted("two-factor")) {
    log("two-factor sign-in, step by step, in this process");
    const { twoFactorCost } = await import("./sections/two-factor");
    section("Two-factor sign-in", await twoFactorCost());
  }
  if (wanted("access-tokens")) {
    log("access tokens: minted here, verified by examples/whoami-service");
    const { accessTokenRates } = await import("./sections/access-tokens");
    section("Access tokens", await accessTokenRates());
  }
  if (wanted("signin")) {
    log("sign-in cost and the database-session baseline, in this process");
    section("Sign-in cost", await inProcess.signInCost());
    const baseline = await inProcess.sessionQueries(Math.max(3, settings.runs));
    section("Queries per request", [baseline.ours, baseline.lookup]);
  }
  const { closeDb } = await import("@/db");
  await closeDb();
}

if (wanted("admin-paging")) {
  log("/admin on 100,000 accounts, on the PostgreSQL server (a database of its own, dropped after)");
  const paging = await adminPaging();
  section("Admin paging (100,000 accounts, PostgreSQL)", paging.figures);
  notes.push(...paging.notes);
}

// ---- report ----
const date = new Date().toISOString().slice(0, 10);
const database = settings.databaseUrl ? "PostgreSQL via DATABASE_URL" : "embedded database (PGlite)";
const header = `${date} · ${settings.cores} cores (${settings.cpu}) · Node ${process.version} · ${database} · bcrypt cost ${settings.bcryptCost} · ${settings.runs} runs${settings.smoke ? " · SMOKE (tiny durations: not for comparison)" : ""}`;
const format = (value: number) =>
  Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
const lines = [header, "", "| figure | median | min | max | goal |", "|---|---:|---:|---:|---|"];
for (const [name, figures] of Object.entries(results)) {
  lines.push(`| **${name}** | | | | |`);
  for (const item of figures) {
    const goal = item.goal ? `${item.goal} ${item.met ? "✓" : "✗"}` : "";
    lines.push(
      `| ${item.label}${item.note ? ` (${item.note})` : ""} | ${format(item.median)} ${item.unit} | ${format(item.min)} | ${format(item.max)} | ${goal} |`,
    );
  }
}
console.log([...lines, "", ...notes.map((note) => `- ${note}`)].join("\n"));

const file = settings.resultsFile;
writeFileSync(file, `${JSON.stringify({ date, settings, sections: results, notes }, null, 2)}\n`);
log(`wrote ${path.relative(process.cwd(), file)}`);
