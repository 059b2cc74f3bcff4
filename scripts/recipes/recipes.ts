// The recipes of docs/extending.md as steps a script can apply: each fenced block whose info string names a file
// (```diff file=src/config/roles.ts, or ```ts file=src/db/reports.ts for a new file) or says `run` (```sh run).
// Pure: reading and writing files is the caller's (scripts/check-recipes.ts), so the rules below are unit-tested.

export type RecipeStep =
  | { kind: "edit"; recipe: string; line: number; file: string; before: string[]; after: string[] }
  | { kind: "create"; recipe: string; line: number; file: string; content: string }
  | { kind: "run"; recipe: string; line: number; command: string };

/** The only commands a recipe may run: the migration generator, with a name (no shell, no other program). */
const RUNNABLE = /^npm run db:generate -- --name [a-z0-9_]+$/;

/** The steps of `markdown`, in order, each with its recipe (the `## ` heading above it) and its line. */
export function recipeSteps(markdown: string): RecipeStep[] {
  const steps: RecipeStep[] = [];
  const lines = markdown.split("\n");
  let recipe = "";
  for (let index = 0; index < lines.length; index += 1) {
    const text = lines[index]!;
    if (text.startsWith("## ")) recipe = text.slice(3).trim();
    const fence = /^```(\S*)\s*(.*)$/.exec(text);
    if (!fence) continue;
    const close = lines.indexOf("```", index + 1);
    if (close === -1) throw new Error(`line ${index + 1}: a code block that never closes`);
    const body = lines.slice(index + 1, close);
    const [language, info] = [fence[1] ?? "", fence[2] ?? ""];
    const line = index + 1;
    const file = /(?:^|\s)file=(\S+)/.exec(info)?.[1];
    if (file && language === "diff") steps.push({ kind: "edit", recipe, line, file, ...hunk(body, line) });
    else if (file) steps.push({ kind: "create", recipe, line, file, content: `${body.join("\n")}\n` });
    else if (/(?:^|\s)run(?:\s|$)/.test(info)) {
      for (const command of body.filter((entry) => entry.trim() !== "")) {
        if (!RUNNABLE.test(command))
          throw new Error(`line ${line}: a recipe may only run ${RUNNABLE}, not: ${command}`);
        steps.push({ kind: "run", recipe, line, command });
      }
    }
    index = close;
  }
  return steps;
}

/** A diff block's lines as the text it expects (context and `-`) and the text it leaves (context and `+`). */
function hunk(body: string[], line: number): { before: string[]; after: string[] } {
  const before: string[] = [];
  const after: string[] = [];
  for (const entry of body) {
    const [mark, text] = [entry.slice(0, 1), entry.slice(1)];
    if (mark === " " || entry === "") {
      before.push(text);
      after.push(text);
    } else if (mark === "-") before.push(text);
    else if (mark === "+") after.push(text);
    else throw new Error(`line ${line}: a diff line starts with " ", "-" or "+", not: ${entry}`);
  }
  if (before.length === 0)
    throw new Error(`line ${line}: a diff needs a line that is there already, to find its place`);
  return { before, after };
}

/**
 * `source` with the edit made, or the reason it cannot be: the lines it expects must appear exactly once, so an
 * edit never lands in the wrong place of a file that has changed since the recipe was written.
 */
export function applyEdit(source: string, before: string[], after: string[]): { text: string } | { problem: string } {
  const lines = source.split("\n");
  const starts: number[] = [];
  for (let start = 0; start + before.length <= lines.length; start += 1) {
    if (before.every((text, offset) => lines[start + offset] === text)) starts.push(start);
  }
  if (starts.length !== 1) {
    const where = starts.length === 0 ? "are not in the file" : `appear ${starts.length} times`;
    return { problem: `the lines it expects ${where}:\n${before.map((text) => `  | ${text}`).join("\n")}` };
  }
  const start = starts[0]!;
  return { text: [...lines.slice(0, start), ...after, ...lines.slice(start + before.length)].join("\n") };
}
