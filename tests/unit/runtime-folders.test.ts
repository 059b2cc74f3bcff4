// Where a file runs is visible in its path. Lint (eslint.config.mjs) judges imports by these folders, so a file
// outside them escapes every runtime boundary: this test finds it, and says where it belongs.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

const FEATURE_FOLDERS = ["edge", "server", "client", "shared", "actions"];
const LIB_FOLDERS = ["edge", "server", "shared"];

/** Source files under `dir`, relative to the repository, tests left out (they run in Node and may cross). */
function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** "src/features/auth/server/x.ts" → "server"; "src/features/profile/actions.ts" → "actions". */
const folderBelow = (file: string, base: string): string =>
  path.relative(base, file).split(path.sep)[1]?.replace(/\.ts$/, "") ?? "";

describe("every feature file says where it runs", () => {
  const files = sourceFiles("src/features");

  it("finds the features' files", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it("sits in edge/, server/, client/, shared/, or is the feature's actions", () => {
    const loose = files.filter((file) => !FEATURE_FOLDERS.includes(folderBelow(file, "src/features")));
    // Move each into the folder of the runtime it runs in (and see eslint.config.mjs for what each may import).
    expect(loose).toEqual([]);
  });
});

describe("every src/lib helper says where it runs", () => {
  it("sits in src/lib/edge, src/lib/server or src/lib/shared", () => {
    const loose = sourceFiles("src/lib").filter(
      (file) => !LIB_FOLDERS.includes(path.relative("src/lib", file).split(path.sep)[0] ?? ""),
    );
    expect(loose).toEqual([]);
  });
});

// next.config.ts validates the environment when a server starts, outside React Server Components, where the
// server-only package throws: the schema and the development secret are the server modules it imports.
const IMPORTED_BY_NEXT_CONFIG = ["src/lib/server/env-schema.ts", "src/lib/server/dev-auth-secret.ts"];

describe('every server/ module is "server-only"', () => {
  const serverFiles = [...sourceFiles("src/features"), ...sourceFiles("src/lib")].filter(
    (file) => file.split(path.sep).includes("server") && !IMPORTED_BY_NEXT_CONFIG.includes(file),
  );

  it("finds them", () => {
    expect(serverFiles.length).toBeGreaterThan(40);
  });

  it("imports server-only, so a client import fails the build instead of shipping server code", () => {
    const unguarded = serverFiles.filter(
      (file) => !/^import "server-only";$/m.test(readFileSync(path.join(root, file), "utf8")),
    );
    expect(unguarded).toEqual([]);
  });
});
