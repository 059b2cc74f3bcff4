// A fresh browser page per test, in real Chromium (./chromium.ts).
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";

import { launchBrowser } from "./chromium";

export { launchBrowser };

/**
 * One browser per test file and a fresh context (no cookies, no storage) per test: registers the hooks and
 * returns accessors for the current test's context and page. `prepare` runs on each new context.
 */
export function freshPagePerTest(prepare?: (context: BrowserContext) => Promise<unknown>): {
  readonly context: BrowserContext;
  readonly page: Page;
} {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext();
    await prepare?.(context);
    page = await context.newPage();
  });
  afterEach(async ({ task }) => {
    // A failed browser test leaves a screenshot behind, for whoever reads the CI log next.
    if (task.result?.state === "fail") {
      const file = `tests/.artifacts/${task.name.replace(/[^\w]+/g, "-").slice(0, 80)}.png`;
      await page?.screenshot({ path: file, fullPage: true, timeout: 5_000 }).then(
        () => console.error(`[e2e] screenshot: ${file}`),
        () => undefined,
      );
    }
    // Bounded: a context closed mid-navigation can hang Chromium; browser.close() in afterAll ends it anyway.
    await Promise.race([context?.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
  });
  return {
    get context() {
      return context;
    },
    get page() {
      return page;
    },
  };
}
