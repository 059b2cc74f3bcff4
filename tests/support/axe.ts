// axe-core in the page, for the accessibility checks (WCAG 2.1 A and AA, and axe's best practices).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults, RunOptions } from "axe-core";
import type { Page } from "playwright-core";
import { expect } from "vitest";

const RUN_OPTIONS: RunOptions = {
  runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
  resultTypes: ["violations"],
};

/**
 * axe's source, run in the page through the DevTools protocol (page.evaluate with a string). The pages' CSP
 * allows only nonced scripts, so a <script> tag (addScriptTag) would be refused; DevTools evaluation is not
 * subject to the page's CSP. A context with bypassCSP would also work, but then axe would check a page that
 * differs from the one people get, and a script the policy blocks could go unnoticed.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface Finding {
  rule: string;
  impact: string;
  help: string;
  nodes: Array<{ target: string; summary: string }>;
}

/**
 * Waits for the page's finite CSS transitions and animations to end. After a switch of colour scheme, a button's
 * `transition-colors` is half-way for 150 ms, and axe would measure the contrast of a colour no one sees for long.
 * Those of elements not drawn (in a closed <details>, the navbar's account menu) are left out: they never run, so
 * they would never end.
 */
async function transitionsSettled(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
        .filter((animation) => {
          const target = (animation.effect as KeyframeEffect | null)?.target;
          return !(target instanceof Element) || target.checkVisibility();
        })
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

/** Every violation on the page as it is now: rule id, what to fix, and where (so a failure names the element). */
export async function axeFindings(page: Page): Promise<Finding[]> {
  await transitionsSettled(page);
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (options) => {
    const { axe } = window as unknown as {
      axe: { run: (context: Document, options: RunOptions) => Promise<AxeResults> };
    };
    return (await axe.run(document, options)).violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? "",
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target.join(" "), summary: node.failureSummary ?? "" })),
    }));
  }, RUN_OPTIONS);
  if (violations.length) console.error(`[axe] ${page.url()}\n${JSON.stringify(violations, null, 2)}`);
  return violations;
}

/** No axe violation on the page as it is now, in light and then in dark mode (it is left in light). */
export async function expectAccessible(page: Page): Promise<void> {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await axeFindings(page), colorScheme).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}
