// npm run check:recipes — proves docs/extending.md's recipes still fit the code. It copies the repository (what
// git tracks, and new files it does not ignore) to a scratch folder, applies every recipe there in order, runs the
// migration commands they give, then what a fork would run after following them: typecheck, lint, the unit tests,
// and the integration tests of the database and the profile on PGlite (the new migrations applied, a new profile
// column written and read back). No production build: that is npm test's, once. The scratch copy is removed after.
//
// Fails, naming the recipe and the doc's line, when a recipe no longer applies or the code it leaves is broken.
import { execFileSync, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";

import { applyEdit, recipeSteps, type RecipeStep } from "./recipes/recipes";

const ROOT = path.resolve(import.meta.dirname, "..");
const DOC = "docs/extending.md";
// Where the recipes' changes are exercised against a real engine: migrations, the profile's columns, the APIs'
// live role check.
const INTEGRATION = ["src/db", "src/features/profile", "src/features/auth/server/api-user.int.test.ts"];

class RecipeFailure extends Error {}

function copyRepository(): string {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "recipes-"));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT })
    .toString("utf8")
    .split("\0")
    .filter((file) => file !== "" && existsSync(path.join(ROOT, file))); // a tracked file deleted in the tree is gone
  for (const file of files) {
    mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
    copyFileSync(path.join(ROOT, file), path.join(scratch, file));
  }
  symlinkSync(path.join(ROOT, "node_modules"), path.join(scratch, "node_modules"), "dir");
  return scratch;
}

function where(step: RecipeStep): string {
  return `${DOC}:${step.line} ("${step.recipe}")`;
}

function apply(scratch: string, step: RecipeStep): void {
  if (step.kind === "run") {
    const [command, ...args] = step.command.split(" ");
    run(scratch, `${where(step)}: ${step.command}`, command!, args);
    return;
  }
  const target = path.join(scratch, step.file);
  if (step.kind === "create") {
    if (existsSync(target))
      throw new RecipeFailure(`${where(step)}: ${step.file} exists already; the recipe creates it`);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, step.content);
    return;
  }
  if (!existsSync(target)) throw new RecipeFailure(`${where(step)}: ${step.file} does not exist`);
  const edited = applyEdit(readFileSync(target, "utf8"), step.before, step.after);
  if ("problem" in edited) throw new RecipeFailure(`${where(step)}: in ${step.file}, ${edited.problem}`);
  writeFileSync(target, edited.text);
}

function run(cwd: string, label: string, command: string, args: string[]): void {
  const started = performance.now();
  console.log(`\n==> ${label}`);
  // No DATABASE_URL: drizzle-kit generates without a database, and the tests choose their own.
  const env = { ...process.env, DATABASE_URL: "", FORCE_COLOR: "1" };
  const result = spawnSync(command, args, { cwd, stdio: "inherit", env });
  if (result.status !== 0) throw new RecipeFailure(`${label}: exited with ${result.status ?? result.signal}`);
  console.log(`    (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

function main(): void {
  const steps = recipeSteps(readFileSync(path.join(ROOT, DOC), "utf8"));
  const recipes = [...new Set(steps.map((step) => step.recipe))];
  console.log(`${DOC}: ${steps.length} steps in ${recipes.length} recipes (${recipes.join("; ")})`);
  const scratch = copyRepository();
  try {
    for (const step of steps) apply(scratch, step);
    const bin = (name: string) => path.join(scratch, "node_modules/.bin", name);
    run(scratch, "typecheck", bin("tsc"), ["--noEmit"]);
    run(scratch, "lint", bin("eslint"), ["."]);
    run(scratch, "unit tests", bin("vitest"), ["run", "--project", "unit"]);
    run(scratch, "integration tests on PGlite", bin("vitest"), [
      "run",
      "--project",
      "integration-pglite",
      ...INTEGRATION,
    ]);
    console.log(`\nevery recipe of ${DOC} applies, and the app it leaves passes its checks`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  if (!(error instanceof RecipeFailure)) throw error;
  console.error(`\n✗ ${error.message}\n  Change the recipe in ${DOC} to fit the code (or the code to fit the recipe).`);
  process.exit(1);
}
