// Two-factor authentication from the outside: an authenticator app (otplib, from the key the page shows), and
// the forms of the settings area and /login/two-factor posted as a browser without JavaScript would. No vitest here.
import { generate } from "otplib";

import { actionFields, cookieHeader, decodeEntities } from "./http-session";

const PERIOD_SECONDS = 30;
/** How long a code may take to reach the server's check after it is made (a request, a bcrypt on a busy box). */
const IN_FLIGHT_SECONDS = 5;

const stepAt = (seconds: number) => Math.floor(seconds / PERIOD_SECONDS);

/**
 * An authenticator app for one account. The server takes a code of the current 30-s step or one either side, and
 * then no code of that step or an earlier one; so each code made here is of the earliest step after the last one
 * made that the server will still take when the request arrives — never a wait for the clock. So two codes always
 * fit: the server takes three steps, but within IN_FLIGHT_SECONDS of a step's end the oldest of them may be gone
 * by the time the request arrives. A third code fits only once the first is IN_FLIGHT_SECONDS old; a test that
 * needs more codes from one account in quick succession throws, loudly — give it an account of its own.
 */
export class Authenticator {
  private lastStep = -Infinity;

  constructor(readonly secret: string) {}

  /** The next code the server will take, its step marked used. */
  async code(): Promise<string> {
    this.lastStep = this.nextStep();
    return generate({ secret: this.secret, epoch: this.lastStep * PERIOD_SECONDS });
  }

  /**
   * The code code() would make next, its step left unused: for a request the server must refuse before it looks at
   * the code (so the step is still the account's to use), made with a code that would otherwise be right. When
   * this step's codes are used up, the newest step the server takes (perhaps used already): the request is refused
   * before the code is looked at anyway, and the test asserts that reason, not the code's.
   */
  peek(): Promise<string> {
    const step = Math.min(this.earliestStep(), stepAt(Date.now() / 1000) + 1);
    return generate({ secret: this.secret, epoch: step * PERIOD_SECONDS });
  }

  private nextStep(): number {
    const earliest = this.earliestStep();
    if (earliest > stepAt(Date.now() / 1000) + 1)
      throw new Error("this account used up the codes the server takes now: use another account");
    return earliest;
  }

  private earliestStep(): number {
    return Math.max(this.lastStep + 1, stepAt(Date.now() / 1000 + IN_FLIGHT_SECONDS) - 1);
  }

  /** A well-formed code that is wrong in every step the server could take now. */
  async wrongCode(): Promise<string> {
    const step = stepAt(Date.now() / 1000);
    const right = new Set(
      await Promise.all(
        [-2, -1, 0, 1, 2].map((d) => generate({ secret: this.secret, epoch: (step + d) * PERIOD_SECONDS })),
      ),
    );
    let code = Number(await generate({ secret: this.secret, epoch: step * PERIOD_SECONDS }));
    do code = (code + 1) % 1_000_000;
    while (right.has(String(code).padStart(6, "0")));
    return String(code).padStart(6, "0");
  }
}

/** The cookie that carries a pending sign-in between the password and the code (over plain http). */
export const PENDING_COOKIE = "pending-sign-in";

/** The setup key in a /settings/security page being set up: `<code id="two-factor-setup-key">`, its groups joined. */
function setupKeyIn(html: string): string {
  const code = /<code[^>]*id="two-factor-setup-key"[^>]*>([\s\S]*?)<\/code>/.exec(html)?.[1];
  if (!code) throw new Error("no setup key on the page");
  return code.replace(/<[^>]*>/g, "").replace(/\s/g, "");
}

/** The recovery codes listed in a page that shows them (`<ul aria-label="Recovery codes">`). */
export function recoveryCodesIn(html: string): string[] {
  const list = /<ul[^>]*aria-label="Recovery codes"[^>]*>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "";
  return [...list.matchAll(/<li[^>]*>([^<]*)<\/li>/g)].map(([, code]) => decodeEntities(code!));
}

/** The settings area's pages that hold forms, where postSettingsForm looks for one. */
export const SETTINGS_FORM_PAGES = ["/settings/account", "/settings/security", "/settings/devices"] as const;

/**
 * Posts the settings form that has a field `formWith` (or that button) with `fields`, without JavaScript, to the
 * settings page that shows it (looked for as a person would, page by page).
 */
export async function postSettingsForm(
  baseUrl: string,
  cookie: string,
  formWith: string,
  fields: Array<[string, string | Blob]>,
): Promise<Response> {
  let found: { path: string; action: Array<[string, string]> } | undefined;
  for (const path of SETTINGS_FORM_PAGES) {
    const action = await actionFields(path, cookie, baseUrl, formWith).catch(() => undefined);
    if (action) {
      found = { path, action };
      break;
    }
  }
  if (!found) throw new Error(`no settings page has a form with ${formWith}`);
  const body = new FormData();
  for (const [name, value] of [...found.action, ...fields]) body.append(name, value);
  return fetch(`${baseUrl}${found.path}`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { origin: baseUrl, cookie },
  });
}

export interface Enrolled {
  authenticator: Authenticator;
  recoveryCodes: string[];
}

/**
 * Sets up two-factor for a signed-in account (`cookie`) as a browser without JavaScript would: "Set up", then the
 * app's code with the password ("Turn on" re-authenticates); one code used. Every other session of the account
 * ends (turning it on does that); `cookie`'s goes on.
 */
export async function enrolDirect(baseUrl: string, cookie: string, password: string): Promise<Enrolled> {
  const started = await postSettingsForm(baseUrl, cookie, "Set up two-factor", []);
  await started.arrayBuffer();
  if (started.status !== 200) throw new Error(`setting up two-factor failed (${started.status})`);
  const settings = await (await fetch(`${baseUrl}/settings/security`, { headers: { cookie } })).text();
  const authenticator = new Authenticator(setupKeyIn(settings));
  const enabled = await postSettingsForm(baseUrl, cookie, "Turn on", [
    ["code", await authenticator.code()],
    ["currentPassword", password],
  ]);
  const recoveryCodes = recoveryCodesIn(await enabled.text());
  if (recoveryCodes.length !== 10) throw new Error(`turning two-factor on showed ${recoveryCodes.length} codes`);
  return { authenticator, recoveryCodes };
}

/** Auth.js's CSRF token and its cookie, as a client of the credentials API fetches them first. */
async function csrfFor(baseUrl: string, cookie = ""): Promise<{ csrfToken: string; cookie: string }> {
  const response = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { cookie } });
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { csrfToken, cookie: [cookie, cookieHeader(response)].filter(Boolean).join("; ") };
}

/** Posts `fields` to Auth.js's credentials endpoint, with a CSRF token and whatever `cookie` this client has. */
export async function credentialsPost(baseUrl: string, fields: Record<string, string>, cookie = ""): Promise<Response> {
  const csrf = await csrfFor(baseUrl, cookie);
  return fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: csrf.cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...fields, csrfToken: csrf.csrfToken }),
  });
}

/** The `pending-sign-in=…` pair a response set, or undefined. */
export function pendingCookieOf(response: Response): string | undefined {
  return response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0] ?? "")
    .find((pair) => pair.startsWith(`${PENDING_COOKIE}=`) && pair.length > PENDING_COOKIE.length + 1);
}

/** The password step of a sign-in through the credentials API: the pending sign-in's cookie, or an error. */
export async function passwordStepDirect(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await credentialsPost(baseUrl, { email, password });
  await response.arrayBuffer();
  const pending = pendingCookieOf(response);
  if (!pending) throw new Error(`no pending sign-in: ${response.status} → ${response.headers.get("location")}`);
  return pending;
}
