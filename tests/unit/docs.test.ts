// The docs name code: paths, npm scripts, a layout tree, figures. Each of those is checked here against the
// repository as it is, so a rename or a move that forgets the docs fails `npm test` with the line to fix, instead
// of leaving a fork to find out. The README is also held to its size: it is the front door, and each feature's
// story lives once, in docs/.
//
// Figures measured by a test are read from the docs by that test (e.g. the session cookie's worst case, in
// tests/unit/session-token-size.test.ts, through tests/support/docs.ts); figures that are a test's constant are
// compared here.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { docFiles, readDoc, ROOT, statedFigures } from "@tests/support/docs";
import { MIDDLEWARE_GZIP_BUDGET } from "@tests/support/middleware-bundle";

const README_MAX_BYTES = 10_240;

// Not part of the repository: dependencies, build output, local databases.
const NOT_THE_REPO = new Set([".git", "node_modules", ".next", ".data", ".artifacts"]);

// Files the recipes in docs/extending.md tell a fork to create: examples, so they do not exist.
const RECIPE_EXAMPLES = [/\bNNNN_/];

// Files the docs name to say why this app does not have them.
const NAMED_BUT_ABSENT = new Set([
  "proxy.ts", // Next.js 16's name for middleware, which runs on Node only (docs/architecture.md)
]);

// A test or its fixtures sits beside the code it tests; the layout tree lists the code.
const isTest = (name: string) => /\.test\.tsx?$/.test(name);

const hint = (file: string) =>
  file === "docs/flow.md" ? " (docs/flow.md is generated: fix tests/support/flow-doc.ts, then npm run docs:flow)" : "";

/** Every file and folder of the repository, as paths from its root; folders end in "/". */
function repoEntries(dir = ""): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .filter((entry) => !NOT_THE_REPO.has(entry.name))
    .flatMap((entry) => {
      const entryPath = `${dir}${entry.name}`;
      return entry.isDirectory() ? [`${entryPath}/`, ...repoEntries(`${entryPath}/`)] : [entryPath];
    });
}

interface Line {
  file: string;
  line: number;
  text: string;
}

/** A doc's lines outside fenced code blocks (which hold commands and code, not prose), numbered from 1. */
function proseLines(file: string): Line[] {
  let fenced = false;
  return readDoc(file)
    .split("\n")
    .flatMap((text, index) => {
      if (text.trimStart().startsWith("```")) {
        fenced = !fenced;
        return [];
      }
      return fenced ? [] : [{ file, line: index + 1, text }];
    });
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen. */
function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsOf(file: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const { text } of proseLines(file)) {
    const heading = /^#{1,6}\s+(.+)$/.exec(text);
    if (!heading?.[1]) continue;
    const base = slug(heading[1]);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

const docs = docFiles();
const entries = repoEntries();
const onDisk = new Set(entries);
const topLevel = new Set(readdirSync(ROOT).filter((name) => !NOT_THE_REPO.has(name)));
const packageJson = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
// `ipaddr.js` is a package, not a file.
const packages = new Set([...Object.keys(packageJson.dependencies), ...Object.keys(packageJson.devDependencies)]);

describe("the README is the front door", () => {
  it(`fits in ${README_MAX_BYTES.toLocaleString("en")} bytes`, () => {
    const size = statSync(path.join(ROOT, "README.md")).size;
    expect(
      size,
      `README.md is ${size.toLocaleString("en")} bytes: move a section to docs/ and link to it from the README's Docs list`,
    ).toBeLessThanOrEqual(README_MAX_BYTES);
  });
});

describe("links in README.md and docs/*.md", () => {
  it("point at files that exist, and at headings that exist", () => {
    const broken: string[] = [];
    for (const file of docs) {
      for (const { line, text } of proseLines(file)) {
        for (const [, target = ""] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
          if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
          const [linkPath = "", anchor] = target.split("#");
          const resolved = linkPath ? path.join(path.dirname(file), linkPath) : file;
          const where = `${file}:${line} links to ${target}`;
          if (!existsSync(path.join(ROOT, resolved))) {
            broken.push(`${where}, but ${resolved} does not exist: fix the link or drop it${hint(file)}`);
          } else if (anchor && resolved.endsWith(".md") && !anchorsOf(resolved).has(anchor)) {
            broken.push(`${where}, but no heading of ${resolved} makes #${anchor}: link to one that does${hint(file)}`);
          }
        }
      }
    }
    expect(broken, "broken links").toEqual([]);
  });
});

describe("paths the docs name in backticks", () => {
  it("exist in the repository", () => {
    const missing: string[] = [];
    for (const file of docs) {
      for (const { line, text } of proseLines(file)) {
        for (const [, span = ""] of text.matchAll(/`([^`]+)`/g)) {
          const problem = pathProblem(span);
          if (problem) missing.push(`${file}:${line}: \`${span}\` ${problem}${hint(file)}`);
        }
      }
    }
    expect(missing, "paths that do not exist").toEqual([]);
  });

  /** Why a code span that reads as a repository path names nothing, or undefined when it is fine or no path. */
  function pathProblem(span: string): string | undefined {
    // Globs, placeholders, commands, routes (/api/me), relative imports (./env) and extensions (.bench.tsx) are
    // not paths into the repository.
    if (/[\s*<>…{}$=,"'|]/.test(span) || span.startsWith("/") || span.startsWith(".")) return undefined;
    if (packages.has(span) || NAMED_BUT_ABSENT.has(span) || RECIPE_EXAMPLES.some((example) => example.test(span)))
      return undefined;
    const [first = ""] = span.split("/");
    if (span.includes("/") && topLevel.has(first)) {
      // A path from the root: it must be exactly there (a trailing slash: a folder).
      const wanted = span.endsWith("/") ? [span] : [span, `${span}/`];
      if (wanted.some((entry) => onDisk.has(entry))) return undefined;
      return "does not exist: fix the path, or say it without backticks if it is not one";
    }
    if (/\.(ts|tsx|mts|mjs|js|json|md|sql)$/.test(span)) {
      // A file named from where the sentence stands (`session-view.ts`, `server/webauthn.ts`): it must be somewhere.
      if (entries.some((entry) => entry === span || entry.endsWith(`/${span}`))) return undefined;
      return "names no file in the repository: fix the name";
    }
    return undefined; // a package (`next-auth/jwt`), a value, a name of something else
  }
});

describe("npm scripts the docs name", () => {
  it("are in package.json", () => {
    const { scripts } = packageJson;
    const unknown: string[] = [];
    for (const file of docs) {
      readDoc(file)
        .split("\n")
        .forEach((text, index) => {
          for (const [command, run, builtIn] of text.matchAll(/\bnpm (?:run ([\w:-]+)|(test|start)\b)/g)) {
            const name = run ?? builtIn ?? "";
            if (!(name in scripts))
              unknown.push(`${file}:${index + 1}: "${command}": package.json has no script "${name}"`);
          }
        });
    }
    expect(unknown, "npm scripts that do not exist").toEqual([]);
  });
});

// docs/architecture.md's "Layout" is a tree, one entry per line: the names (several may share a line, with ", "),
// then two or more spaces and what they are. A line indented under a folder lists what is in it.
describe("the layout tree in docs/architecture.md", () => {
  const DOC = "docs/architecture.md";
  // The folders the tree must open, so that a fork finds every feature, database module and helper in it.
  const MUST_OPEN = ["src/", "src/config/", "src/db/", "src/features/", "src/lib/"];
  const mustOpen = [
    ...MUST_OPEN,
    ...["src/features/", "src/lib/"].flatMap((dir) =>
      entries.filter(
        (entry) => entry.startsWith(dir) && entry.endsWith("/") && !entry.slice(dir.length, -1).includes("/"),
      ),
    ),
  ];

  interface Listed {
    path: string;
    line: number;
  }

  function readTree(): { listed: Listed[]; opened: Map<string, Set<string>>; unreadable: string[] } {
    const lines = readDoc(DOC).split("\n");
    const heading = lines.indexOf("## Layout");
    const start = lines.findIndex((text, index) => index > heading && text.startsWith("```"));
    const end = lines.findIndex((text, index) => index > start && text.startsWith("```"));
    expect(heading, `${DOC} has no "## Layout" heading with the tree under it`).toBeGreaterThan(-1);
    expect(start, `${DOC}'s "## Layout" has no fenced tree`).toBeGreaterThan(heading);

    const listed: Listed[] = [];
    const opened = new Map<string, Set<string>>();
    const unreadable: string[] = [];
    const parents: Array<{ indent: number; path: string }> = [];
    let previous = { indent: 0, folder: false };
    for (let index = start + 1; index < end; index++) {
      const text = lines[index] ?? "";
      if (!text.trim()) continue;
      const indent = text.length - text.trimStart().length;
      if (indent > previous.indent && !previous.folder) {
        unreadable.push(`${DOC}:${index + 1} is indented under a line that is not one folder: line it up`);
      }
      while (parents.length > 0 && (parents.at(-1)?.indent ?? 0) >= indent) parents.pop();
      const parent = parents.at(-1)?.path ?? "";
      const names = (text.trim().split(/\s{2,}/)[0] ?? "").split(/,\s*/);
      for (const name of names) {
        if (/^[\w.@()[\]-]+\/?$/.test(name)) listed.push({ path: `${parent}${name}`, line: index + 1 });
        else unreadable.push(`${DOC}:${index + 1}: "${name}" is not a name: names, then two spaces, then words`);
      }
      if (parent) opened.set(parent, new Set([...(opened.get(parent) ?? []), ...names]));
      const folder = names.length === 1 && names[0]?.endsWith("/") ? `${parent}${names[0]}` : undefined;
      if (folder) parents.push({ indent, path: folder });
      previous = { indent, folder: folder !== undefined };
    }
    return { listed, opened, unreadable };
  }

  it("names only what exists", () => {
    const { listed, unreadable } = readTree();
    const wrong = listed
      .filter(({ path: listedPath }) => !onDisk.has(listedPath))
      .map(({ path: listedPath, line }) => {
        const other = listedPath.endsWith("/") ? listedPath.slice(0, -1) : `${listedPath}/`;
        if (!onDisk.has(other)) {
          return `${DOC}:${line}: ${listedPath} does not exist: remove it from the tree, or fix its name`;
        }
        const asWritten = `${path.posix.basename(other)}${other.endsWith("/") ? "/" : ""}`;
        return `${DOC}:${line}: ${listedPath} is a ${other.endsWith("/") ? "folder" : "file"}: write it as ${asWritten}`;
      });
    expect([...unreadable, ...wrong], "entries of the layout tree that are not on disk").toEqual([]);
  });

  it("opens src/ and its config/, db/, lib/ and features/ (and each folder in those two)", () => {
    const { opened } = readTree();
    const closed = mustOpen
      .filter((dir) => !opened.has(dir))
      .map((dir) => `${DOC}: the layout tree does not open ${dir}: list what is in it on indented lines below it`);
    expect(closed, "folders the layout tree must open").toEqual([]);
  });

  it("lists everything (but tests) in each folder it opens", () => {
    const left: string[] = [];
    for (const [dir, names] of readTree().opened) {
      const inDir = entries
        .filter((entry) => entry.startsWith(dir) && entry !== dir)
        .map((entry) => entry.slice(dir.length))
        .filter((rest) => !rest.slice(0, -1).includes("/") && !isTest(rest));
      for (const name of inDir) {
        if (!names.has(name)) left.push(`${DOC}: the layout tree leaves out ${dir}${name}: add it under ${dir}`);
      }
    }
    expect(left, "what the layout tree leaves out").toEqual([]);
  });
});

describe("figures the docs state", () => {
  it("the Edge guard's size budget is the one the build test enforces", () => {
    const budgetKb = MIDDLEWARE_GZIP_BUDGET / 1000;
    const stated = statedFigures(/Edge guard ≤\s+([\d.]+)\s+KB/);
    expect(stated, 'no doc states the budget as "Edge guard ≤ N KB"').not.toEqual([]);
    for (const figure of stated) {
      expect(
        figure.value,
        `${figure.file}:${figure.line} says "${figure.text}"; tests/support/middleware-bundle.ts's budget is ${budgetKb} KB`,
      ).toBe(budgetKb);
    }
  });
});
