// The Content-Security-Policy in the production build: a fresh nonce per response, 'strict-dynamic', no inline
// scripts but the ones the server vouched for — and the pages still run in a real browser, with zero violations.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";

import { appUrl, hydrated, newPerson } from "../support/app";
import { freshPagePerTest } from "../support/browser";
import { signUpDirect } from "../support/direct";
import { EVERY_PAGE, openAs, reactHydrated, visitorCookies, type Who } from "../support/every-page";
import { browserCookies } from "../support/http-session";

let cookies: Record<Who, string>;

beforeAll(async () => {
  cookies = await visitorCookies("Csp Member");
});

interface Loaded {
  status: number;
  policy: string;
  html: string;
}

async function load(path: string, who: Who, headers: Record<string, string> = {}): Promise<Loaded> {
  const response = await fetch(`${appUrl}${path}`, {
    headers: { cookie: cookies[who], ...headers },
    redirect: "manual",
  });
  return {
    status: response.status,
    policy: response.headers.get("content-security-policy") ?? "",
    html: await response.text(),
  };
}

function directive(policy: string, name: string): string[] {
  const found = policy
    .split(";")
    .map((part) => part.trim().split(/\s+/))
    .find(([directiveName]) => directiveName === name);
  return found?.slice(1) ?? [];
}

/** The policy's script nonce, after checking script-src is what it must be. */
function scriptNonce(policy: string): string {
  const sources = directive(policy, "script-src");
  expect(sources).toContain("'strict-dynamic'");
  expect(sources).not.toContain("'unsafe-inline'");
  expect(sources).not.toContain("'unsafe-eval'");
  const nonces = sources.filter((source) => source.startsWith("'nonce-"));
  expect(nonces).toHaveLength(1);
  return /^'nonce-(.+)'$/.exec(nonces[0]!)![1]!;
}

function scriptTags(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
}

describe.each(EVERY_PAGE)("$path for $who (HTTP $status)", ({ path, who, status, landsOn }) => {
  it("has a nonce-based policy, a new nonce per response, and that nonce on every script", async () => {
    // A route that sends its visitor on is checked where it lands: the redirect itself renders no page.
    const first = await load(landsOn ?? path, who);
    const second = await load(landsOn ?? path, who);
    expect(first.status).toBe(status);
    expect(second.status).toBe(status);
    const nonce = scriptNonce(first.policy);
    expect(scriptNonce(second.policy)).not.toBe(nonce);
    expect(directive(first.policy, "frame-ancestors")).toEqual(["'none'"]);
    expect(directive(first.policy, "object-src")).toEqual(["'none'"]);

    const scripts = scriptTags(first.html);
    expect(scripts.length).toBeGreaterThan(0); // not vacuous: Next inlines its bootstrap and payload
    for (const tag of scripts) expect(tag).toContain(` nonce="${nonce}"`);
  });
});

it("ignores a Content-Security-Policy the client sends: the nonce is the server's own", async () => {
  const loaded = await load("/login", "anyone", { "content-security-policy": "script-src 'nonce-chosenbytheclient'" });
  const nonce = scriptNonce(loaded.policy);
  expect(nonce).not.toBe("chosenbytheclient");
  expect(loaded.html).not.toContain("chosenbytheclient");
  for (const tag of scriptTags(loaded.html)) expect(tag).toContain(` nonce="${nonce}"`);
});

// The middleware does not run for Auth.js's own routes (/api/auth/*), so no nonce is made there. Its built-in
// error page is HTML all the same: a static policy lets nothing run and nothing load but its own styles.
describe.each(["/api/auth/error?error=AccessDenied", "/api/auth/session", "/api/auth/providers"])("%s", (path) => {
  it("carries the static policy for Auth.js's routes: no script at all", async () => {
    const loaded = await load(path, "anyone");
    expect(loaded.status).toBeLessThan(500);
    expect(directive(loaded.policy, "default-src")).toEqual(["'none'"]);
    expect(directive(loaded.policy, "script-src")).toEqual([]); // falls back to default-src 'none'
    expect(directive(loaded.policy, "frame-ancestors")).toEqual(["'none'"]);
    expect(directive(loaded.policy, "base-uri")).toEqual(["'none'"]);
  });
});

// Registered before any page script runs (an init script, which CSP does not apply to): every violation the
// page reports, with what was blocked.
const RECORD_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(event.effectiveDirective + " blocked " + (event.blockedURI || "inline") + " " + (event.sample || ""));
  }, true);
`;

describe("in Chromium", () => {
  const consoleErrors: string[] = [];
  const current = freshPagePerTest(async (context) => {
    consoleErrors.length = 0;
    await context.addInitScript(RECORD_VIOLATIONS);
    context.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy/i.test(message.text()))
        consoleErrors.push(message.text());
    });
  });

  const violations = (page: Page) => page.evaluate("window.__cspViolations") as Promise<string[]>;

  describe.each(["light", "dark"] as const)("in %s mode", (colorScheme) => {
    it.each(EVERY_PAGE)("$path for $who: hydrates, with no violation", async (visit) => {
      await openAs(current, cookies, visit, colorScheme);
      expect(await violations(current.page)).toEqual([]);
      expect(consoleErrors).toEqual([]);
    });
  });

  it("the sign-in form hydrates and signs in", async () => {
    const person = newPerson();
    await signUpDirect(person);
    await current.page.goto(`${appUrl}/login`);
    await hydrated(current.page);
    await current.page.getByLabel("Email").fill(person.email);
    await current.page.getByLabel("Password").fill(person.password);
    await current.page.getByRole("button", { name: "Sign in", exact: true }).click();
    await current.page.waitForURL(`${appUrl}/dashboard`);
    await reactHydrated(current.page);
    expect(await violations(current.page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it("the profile form saves (a server action, then a session update from the client)", async () => {
    await current.context.addCookies(browserCookies(cookies.member, appUrl));
    await current.page.goto(`${appUrl}/profile`);
    await reactHydrated(current.page);
    await current.page.getByLabel("Name", { exact: true }).fill("Csp Member Renamed");
    await current.page.getByRole("button", { name: "Save" }).click();
    await current.page.getByRole("status").filter({ hasText: "Profile saved" }).waitFor();
    await current.page.getByTestId("nav-user-name").filter({ hasText: "Csp Member Renamed" }).waitFor();
    expect(await violations(current.page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it("control: an injected inline event handler is blocked, and reported (so zero above means zero)", async () => {
    await current.page.goto(`${appUrl}/`);
    await reactHydrated(current.page);
    const ran = await current.page.evaluate(`(() => {
      const element = document.createElement("div");
      element.setAttribute("onclick", "window.__injected = true");
      document.body.append(element);
      element.click();
      return window.__injected === true;
    })()`);
    expect(ran).toBe(false);
    await expect.poll(() => violations(current.page)).toEqual([expect.stringContaining("script-src")]);
  });
});
