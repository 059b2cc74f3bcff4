// The route table (src/config/routes.ts) and the route tree must describe the same app. The Edge guard decides
// only for paths the table names, and a page's own server check redirects a signed-out visitor just as the guard
// would, so a page missing from the table would look protected while the guard let everyone through to it. This
// walks every page and route handler under src/app and says what to add when the two part ways.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

import {
  AUTH_API_PATH,
  FORBIDDEN_PATH,
  HEALTH_PATH,
  HOME_PATH,
  REFRESH_PATH,
  routeFor,
  ROUTES,
  type RouteEntry,
} from "@/config/routes";

const APP_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROUTE_FILE = /^(page|route)(\.bench)?\.tsx?$/; // the pageExtensions of next.config.ts, bench builds included
const SIGNED_IN_GROUP = "(signed-in)";

interface RouteFile {
  /** Relative to src/app, with forward slashes. */
  file: string;
  source: string;
}

function routeFiles(dir = APP_DIR): RouteFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("_") ? [] : routeFiles(full); // _folders are private
    if (!ROUTE_FILE.test(entry.name)) return [];
    return [{ file: path.relative(APP_DIR, full).split(path.sep).join("/"), source: readFileSync(full, "utf8") }];
  });
}

/** The URL path a file serves: its folders, less route groups `(x)` and parallel-route slots `@x`. */
function urlOf(file: string): string {
  const folders = file
    .split("/")
    .slice(0, -1)
    .filter((part) => !/^\(.*\)$/.test(part) && !part.startsWith("@"));
  return `/${folders.join("/")}`;
}

const nameOf = (entry: RouteEntry) => Object.entries(ROUTES).find(([, candidate]) => candidate === entry)?.[0];
const TABLE = "src/config/routes.ts";

/** What is wrong between the table and the files, each as a sentence that says what to add. */
function registryProblems(files: readonly RouteFile[]): string[] {
  const problems: string[] = [];
  for (const { file, source } of files) {
    const url = urlOf(file);
    const entry = routeFor(url);
    const isPage = file.split("/").pop()!.startsWith("page.");
    // An API checks with withApiUser, or withLiveApiUser where the answer must see the database's view now.
    const checkers = isPage ? ["requirePage"] : ["withApiUser", "withLiveApiUser"];
    const checker = checkers[0]!;
    const signedIn = entry?.access.kind === "signed-in";
    const claimsProtection =
      file.split("/").includes(SIGNED_IN_GROUP) || checkers.some((name) => source.includes(`${name}(`));

    if (!signedIn) {
      if (claimsProtection) {
        problems.push(
          `src/app/${file} serves ${url}, which no signed-in entry of ROUTES covers, so the Edge guard lets everyone ` +
            `through: add \`${url.split("/").pop() || "home"}: { path: "${url}", access: signedIn(), api: ${!isPage} }\` to ${TABLE}.`,
        );
      }
      continue;
    }
    const name = nameOf(entry);
    if (entry.api === isPage) {
      problems.push(
        `src/app/${file} serves ${url}, but ROUTES.${name} says api: ${entry.api}: make it ${!isPage} in ${TABLE} (or give ${url} an entry of its own).`,
      );
    } else if (!checkers.some((wrapper) => source.includes(`${wrapper}(ROUTES.${name}`))) {
      problems.push(
        `src/app/${file} serves ${url}, which ROUTES.${name} protects: check it on the server with ${checker}(ROUTES.${name}), the entry the Edge guard decides it by.`,
      );
    }
  }
  for (const [name, entry] of Object.entries(ROUTES) as Array<[string, RouteEntry]>) {
    const kind = entry.api ? "route" : "page";
    if (!files.some(({ file }) => urlOf(file) === entry.path && file.split("/").pop()!.startsWith(`${kind}.`))) {
      problems.push(
        `ROUTES.${name} (${entry.path}) has no ${kind} file: add src/app${entry.path}/${kind}.${entry.api ? "ts" : "tsx"}, or remove the entry from ${TABLE}.`,
      );
    }
  }
  return problems;
}

describe("the route table and the route tree", () => {
  const files = routeFiles();

  it("finds the app's pages and route handlers", () => {
    const urls = files.map(({ file }) => urlOf(file));
    expect(urls).toEqual(expect.arrayContaining(Object.values(ROUTES).map((entry: RouteEntry) => entry.path)));
    expect(files.filter(({ file }) => file.startsWith(`${SIGNED_IN_GROUP}/`)).length).toBeGreaterThan(0);
  });

  it("serve every other path the app links or redirects to", () => {
    const urls = files.map(({ file }) => urlOf(file));
    expect(urls).toEqual(
      expect.arrayContaining([HOME_PATH, FORBIDDEN_PATH, REFRESH_PATH, HEALTH_PATH, `${AUTH_API_PATH}/[...nextauth]`]),
    );
  });

  it("agree: every protected page has its entry and checks it on the server, and every entry has its page", () => {
    expect(registryProblems(files)).toEqual([]);
  });

  describe("say what to add when they part ways", () => {
    const checked = (name: string, url: string) =>
      `export default async function P() { await requirePage(ROUTES.${name}); } // ${url}`;
    const tree = () => files.map((file) => ({ ...file }));
    // Pages no fork will add, so a fork's own /billing or /reports never collides with a fixture.
    const UNLISTED = "fixture-unlisted-page";

    it("a signed-in page without an entry", () => {
      const problems = registryProblems([
        ...tree(),
        { file: `(signed-in)/${UNLISTED}/page.tsx`, source: checked("unlisted", `/${UNLISTED}`) },
      ]);
      expect(problems).toEqual([
        expect.stringMatching(
          /^src\/app\/\(signed-in\)\/fixture-unlisted-page\/page\.tsx serves \/fixture-unlisted-page, .*add `fixture-unlisted-page: \{ path: "\/fixture-unlisted-page", access: signedIn\(\), api: false \}`/,
        ),
      ]);
    });

    it("a page calling requirePage outside the group, without an entry", () => {
      const problems = registryProblems([
        ...tree(),
        { file: `${UNLISTED}-2/page.tsx`, source: checked("unlisted", `/${UNLISTED}-2`) },
      ]);
      expect(problems).toEqual([
        expect.stringContaining(`serves /${UNLISTED}-2, which no signed-in entry of ROUTES covers`),
      ]);
    });

    it("a protected page that checks another entry, or none", () => {
      const swapped = tree().map((file) =>
        file.file === "(signed-in)/admin/page.tsx"
          ? { ...file, source: file.source.replace("ROUTES.admin", "ROUTES.dashboard") }
          : file,
      );
      expect(registryProblems(swapped)).toEqual([
        expect.stringContaining("check it on the server with requirePage(ROUTES.admin)"),
      ]);
      const deeper = registryProblems([
        ...tree(),
        { file: "admin/users/page.tsx", source: "export default function P() {}" },
      ]);
      expect(deeper).toEqual([expect.stringContaining("serves /admin/users, which ROUTES.admin protects")]);
    });

    it("a protected API handler without its check", () => {
      const bare = tree().map((file) =>
        file.file === "api/me/route.ts" ? { ...file, source: "export async function GET() {}" } : file,
      );
      expect(registryProblems(bare)).toEqual([
        expect.stringContaining("check it on the server with withApiUser(ROUTES.me)"),
      ]);
    });

    it("an entry whose page is gone", () => {
      const problems = registryProblems(tree().filter(({ file }) => file !== "(signed-in)/settings/page.tsx"));
      expect(problems).toEqual([expect.stringContaining("ROUTES.settings (/settings) has no page file")]);
    });
  });
});
