// The order Vitest starts test files in: its own (longest first when it has timed them before, else largest first),
// with the browser tests' longest files moved to the front. A fresh clone, as CI runs it, has no timings, and by
// size these come late: a file of two minutes started last runs on after the other worker has finished.
import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** The browser test files that take minutes: the fuzzer's 12,000 posts, and the benchmark's smoke run. */
const LONGEST_FIRST = ["tests/e2e/fuzz.test.ts", "tests/e2e/bench-smoke.test.ts"];

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const at = LONGEST_FIRST.indexOf(path.relative(this.ctx.config.root, file.moduleId));
      return at === -1 ? LONGEST_FIRST.length : at;
    };
    // Stable: the rest keep Vitest's order, and each project's files stay in their group (groupOrder).
    return sorted
      .map((file, index) => ({ file, index }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.index - b.index)
      .map(({ file }) => file);
  }
}
