// The docs as the tests read them: README.md and docs/*.md. A figure the docs state is read from here by the test
// that measures it, so the docs hold the only copy and a stale one fails that test (tests/unit/docs.test.ts checks
// the rest: links, the paths the docs name, the layout tree).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** README.md and every docs/*.md, as paths from the repository root. */
export function docFiles(): string[] {
  const docs = readdirSync(path.join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/${name}`);
  return ["README.md", ...docs];
}

export function readDoc(file: string): string {
  return readFileSync(path.join(ROOT, file), "utf8");
}

export interface StatedFigure {
  file: string;
  line: number;
  /** The words that state it, as the doc has them. */
  text: string;
  value: number;
}

/**
 * Every place README.md or docs/*.md states a figure: the first group of `pattern`, a number such as `4,049` or
 * `70.6`. The pattern is matched across line breaks, since a sentence may wrap anywhere.
 */
export function statedFigures(pattern: RegExp): StatedFigure[] {
  const global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
  return docFiles().flatMap((file) => {
    const text = readDoc(file);
    return [...text.replaceAll("\n", " ").matchAll(global)].map((match) => ({
      file,
      line: text.slice(0, match.index).split("\n").length,
      text: match[0].replace(/\s+/g, " "),
      value: Number((match[1] ?? "").replaceAll(",", "")),
    }));
  });
}
