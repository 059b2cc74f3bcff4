// Real Chromium (Debian's), driven by playwright-core. Browser downloads are impossible here, so we never use
// Playwright's own browsers. The flags keep Chromium off the network it cannot reach. No vitest here: the
// benchmark launches it too.
import { chromium, type Browser } from "playwright-core";

import { chromiumPath } from "./environment";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("Chromium not found: apt-get install chromium, or set CHROMIUM_PATH");
  return chromium.launch({ executablePath, args: FLAGS, headless: true });
}
