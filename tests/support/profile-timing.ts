// Profile Save → navbar updated, timed inside the page. Shared by the profile browser test and the benchmark.
import type { Page } from "playwright-core";

// The in-page part is a string: tsx (the benchmark) compiles functions with name helpers that do not exist in
// the page, so a function handed to page.evaluate would fail there.
const IN_PAGE = `(expected) => new Promise((resolve) => {
  const shown = () => document.querySelector('[data-testid="nav-user-name"]')?.textContent === expected;
  const started = performance.now();
  const observer = new MutationObserver(() => {
    if (shown()) {
      observer.disconnect();
      resolve(performance.now() - started);
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  [...document.querySelectorAll("button")].find((button) => button.textContent === "Save").click();
})`;

/** Clicks Save and resolves with the milliseconds until the navbar shows `name` (measured in the page). */
export function saveAndTimeNavbar(on: Page, name: string): Promise<number> {
  return on.evaluate(`(${IN_PAGE})(${JSON.stringify(name)})`) as Promise<number>;
}
