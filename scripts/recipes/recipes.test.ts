import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

import { applyEdit, recipeSteps } from "./recipes";

const fence = "```";
const doc = [
  "## Add a thing",
  "Some prose.",
  `${fence}diff file=src/a.ts`,
  " const a = 1;",
  "-const b = 2;",
  "+const b = 3;",
  fence,
  `${fence}ts file=src/new.ts`,
  "export const c = 1;",
  fence,
  "## Migrations",
  `${fence}sh run`,
  "npm run db:generate -- --name add_thing",
  fence,
  `${fence}ts`,
  "an example that is not a step",
  fence,
].join("\n");

describe("recipeSteps", () => {
  it("reads edits, new files and commands, each with its recipe and line", () => {
    expect(recipeSteps(doc)).toEqual([
      {
        kind: "edit",
        recipe: "Add a thing",
        line: 3,
        file: "src/a.ts",
        before: ["const a = 1;", "const b = 2;"],
        after: ["const a = 1;", "const b = 3;"],
      },
      { kind: "create", recipe: "Add a thing", line: 8, file: "src/new.ts", content: "export const c = 1;\n" },
      { kind: "run", recipe: "Migrations", line: 12, command: "npm run db:generate -- --name add_thing" },
    ]);
  });

  it("runs no command but the migration generator", () => {
    expect(() => recipeSteps(`${fence}sh run\nrm -rf /\n${fence}`)).toThrow(/may only run/);
    expect(() => recipeSteps(`${fence}sh run\nnpm run db:generate -- --name x; rm -rf /\n${fence}`)).toThrow(
      /may only run/,
    );
  });

  it("refuses a diff it could not place, or one with a line of no kind", () => {
    expect(() => recipeSteps(`${fence}diff file=a.ts\n+only added\n${fence}`)).toThrow(/a line that is there already/);
    expect(() => recipeSteps(`${fence}diff file=a.ts\n*what\n${fence}`)).toThrow(/starts with/);
  });

  it("finds the steps of docs/extending.md", () => {
    const steps = recipeSteps(readFileSync(new URL("../../docs/extending.md", import.meta.url), "utf8"));
    expect(steps.filter((step) => step.kind === "run").length).toBeGreaterThan(0);
    expect(steps.filter((step) => step.kind === "edit").length).toBeGreaterThan(0);
  });
});

describe("applyEdit", () => {
  const source = "one\ntwo\nthree\n";

  it("replaces the lines it expects with the lines it leaves", () => {
    expect(applyEdit(source, ["two"], ["two", "two and a half"])).toEqual({
      text: "one\ntwo\ntwo and a half\nthree\n",
    });
  });

  it("refuses lines that are not there, or there twice, rather than guess", () => {
    expect(applyEdit(source, ["four"], [])).toMatchObject({ problem: expect.stringContaining("are not in the file") });
    expect(applyEdit("x\nx\n", ["x"], ["y"])).toMatchObject({ problem: expect.stringContaining("appear 2 times") });
  });
});
