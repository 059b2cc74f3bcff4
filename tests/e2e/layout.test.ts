// The visual pass, as layout assertions rather than pixel diffs: every page, light and dark, at 1280 px and on a
// 390-px phone. Nothing scrolls sideways or runs past the screen's edge, no text is cut off, the navbar is one line
// with its brand on one line, and (on the phone; accessibility.test.ts covers the wide screen) axe finds nothing.
// One browser, one context per width and scheme, each page opened once and measured in one go.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { axeFindings } from "../support/axe";
import { launchBrowser } from "../support/browser";
import { EVERY_PAGE, openAs, visitorCookies, type PageVisit, type Who } from "../support/every-page";

const SCREENS = [
  { name: "1280 px", viewport: { width: 1280, height: 800 } },
  { name: "390 px", viewport: { width: 390, height: 844 } },
] as const;
const SCHEMES = ["light", "dark"] as const;

/** A one-line navbar: the avatar (32 px) or a small button, its padding, and room to spare — not two lines. */
const NAVBAR_MAX_HEIGHT = 72;

interface Layout {
  /** How far the document is wider than the viewport (0 when it fits). */
  overflow: number;
  /** Visible elements whose right edge passes the viewport, outside any container that scrolls sideways. */
  pastTheEdge: string[];
  /** Elements that cut their own text off (overflow hidden or an ellipsis) because it is wider than they are. */
  clipped: string[];
  navbarHeight: number;
  /** The line boxes of the brand's text: 1 when it does not wrap. */
  brandLines: number;
}

/** What the page looks like now, measured in the page (a function, not a string: the CSP forbids eval). */
function measure(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}` +
      ` "${(element.textContent ?? "").trim().slice(0, 40)}"`;
    const scrollsSideways = (element: Element) => {
      for (let at = element.parentElement; at && at !== document.body; at = at.parentElement) {
        if (["auto", "scroll"].includes(getComputedStyle(at).overflowX)) return true;
      }
      return false;
    };
    const pastTheEdge: string[] = [];
    const clipped: string[] = [];
    for (const element of document.body.querySelectorAll("*")) {
      if (!(element instanceof HTMLElement) || element.matches("input, textarea, select")) continue;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      if (style.visibility === "hidden" || box.width === 0 || box.height === 0) continue;
      // Visually hidden text for screen readers (`sr-only`): 1 px and clipped on purpose.
      if (element.clientWidth <= 1 && element.clientHeight <= 1) continue;
      if (box.right > viewport + 1 && !scrollsSideways(element)) pastTheEdge.push(describe(element));
      const cuts = ["hidden", "clip"].includes(style.overflowX) || style.textOverflow === "ellipsis";
      if (cuts && element.scrollWidth > element.clientWidth + 1) clipped.push(describe(element));
    }
    const nav = document.querySelector('nav[aria-label="Main"]');
    const brand = nav?.querySelector("a");
    const lines = document.createRange();
    if (brand) lines.selectNodeContents(brand);
    return {
      overflow: Math.max(0, document.documentElement.scrollWidth - window.innerWidth),
      pastTheEdge,
      clipped,
      navbarHeight: nav?.getBoundingClientRect().height ?? 0,
      brandLines: brand ? lines.getClientRects().length : 0,
    };
  });
}

let browser: Browser;
let cookies: Record<Who, string>;

beforeAll(async () => {
  [browser, cookies] = await Promise.all([launchBrowser(), visitorCookies("Layout Member")]);
});

afterAll(async () => {
  await browser?.close();
});

describe.each(SCREENS.flatMap((screen) => SCHEMES.map((scheme) => ({ ...screen, scheme }))))(
  "at $name in $scheme mode",
  ({ name: screen, viewport, scheme }) => {
    let context: BrowserContext;
    let page: Page;
    // Each page is opened once; its tests read what was measured then.
    const measured = new Map<PageVisit, Promise<Layout & { axe: unknown[] }>>();

    beforeAll(async () => {
      context = await browser.newContext({ viewport, colorScheme: scheme });
      page = await context.newPage();
    });

    afterAll(async () => {
      await context?.close();
    });

    function visit(pageVisit: PageVisit) {
      let layout = measured.get(pageVisit);
      if (!layout) {
        layout = (async () => {
          // Off the app first, so no request in flight puts the last visitor's rolling cookie back.
          await page.goto("about:blank");
          await context.clearCookies();
          await openAs({ context, page }, cookies, pageVisit, scheme);
          const axe = screen === "390 px" ? await axeFindings(page) : [];
          return { ...(await measure(page)), axe };
        })();
        measured.set(pageVisit, layout);
      }
      return layout;
    }

    for (const pageVisit of EVERY_PAGE) {
      const { path, who, status } = pageVisit;
      it(`${path} for ${who} (HTTP ${status}): fits the width, nothing cut off`, async () => {
        const layout = await visit(pageVisit);
        expect({ overflow: layout.overflow, pastTheEdge: layout.pastTheEdge, clipped: layout.clipped }).toEqual({
          overflow: 0,
          pastTheEdge: [],
          clipped: [],
        });
      });

      it(`${path} for ${who} (HTTP ${status}): a one-line navbar${screen === "390 px" ? ", no axe violation" : ""}`, async () => {
        const layout = await visit(pageVisit);
        expect(layout.brandLines).toBe(1);
        expect(layout.navbarHeight).toBeGreaterThan(0);
        expect(layout.navbarHeight).toBeLessThanOrEqual(NAVBAR_MAX_HEIGHT);
        expect(layout.axe).toEqual([]);
      });
    }
  },
);
