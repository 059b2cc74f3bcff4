// Passkeys for tests that need one on an account: added the way a person adds one, from /settings/security in Chromium,
// with its virtual authenticator (DevTools protocol) standing in for the device. The app must be served on
// `localhost` (startApp({ host: "localhost" })): WebAuthn's relying party is AUTH_URL's host name, and an IP
// address is no valid RP ID.
import type { CDPSession, Page } from "playwright-core";

import { launchBrowser } from "./chromium";
import { browserCookies } from "./http-session";

/** A platform authenticator that holds discoverable credentials, verifies its user and answers by itself. */
export async function addVirtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

/**
 * Adds a passkey named `name` to the account signed in as `cookie` at `baseUrl` (with the current password, so
 * the session's age does not matter); resolves with its id, as the list's forms send it.
 */
export async function addPasskeyInChromium(
  baseUrl: string,
  cookie: string,
  password: string,
  name: string,
): Promise<string> {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    await context.addCookies(browserCookies(cookie, baseUrl));
    const page = await context.newPage();
    await addVirtualAuthenticator(page);
    await page.goto(`${baseUrl}/settings/security`);
    const section = page.getByRole("region", { name: "Passkeys" });
    await section.getByLabel("Passkey name").fill(name);
    await section.getByLabel("Current password").fill(password);
    await section.getByRole("button", { name: "Add a passkey" }).click();
    await page
      .locator("main")
      .getByRole("status")
      .filter({ hasText: `Passkey "${name}" added.` })
      .waitFor();
    return await section
      .getByRole("listitem")
      .filter({ hasText: name })
      .locator('input[name="passkeyId"]')
      .first()
      .inputValue();
  } finally {
    await browser.close();
  }
}
