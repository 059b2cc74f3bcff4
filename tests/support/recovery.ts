// What tests/e2e/recovery.test.ts does again and again over plain HTTP, as a browser without JavaScript would: post
// one form of a page with several, open a mailed link's page, ask for and use a reset link, read a page's text.
// No vitest here.
import { mailDirFor } from "./app-server";
import { actionFields, cookieHeader, decodeEntities, postForm, signInDirect } from "./http-session";
import { linkTo, waitForMail, type MailQuery, type ReceivedMail } from "./mail-sink";

export const INVALID_LINK = "This link is invalid or has expired.";

/**
 * What a write answered a browser whose session had ended elsewhere, as the test compares it with SESSION_ENDED_HERE:
 * where it sent the browser, and whether it cleared the session cookie (both: sessionEnded() in the app).
 */
export async function endingOf(response: Response): Promise<{ location: string | null; cleared: boolean }> {
  await response.arrayBuffer();
  const location = response.headers.get("location");
  const cleared = response.headers
    .getSetCookie()
    .some(
      (header) =>
        /^(__Secure-)?authjs\.session-token=;/.test(header) && /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(header),
    );
  const target = location === null ? null : new URL(location, "http://app.test");
  return { location: target && `${target.pathname}${target.search}`, cleared };
}

/** What endingOf() gives for a write that found the session ended: on to sign in, saying so, the cookie cleared. */
export const SESSION_ENDED_HERE = { location: "/login?code=session-ended", cleared: true };
export const INVALID_CREDENTIALS = "Invalid email or password.";
export const VERIFY_FIRST = "Verify your email first: open the link we sent you, or send a new one from the banner.";
export const NEED_PASSWORD = "Enter your current password.";
export const NEED_CODE = "Enter a code from your authenticator app, or a recovery code.";

/** The `name=value` pairs of Set-Cookie headers (as signUpDirect resolves them), as a Cookie header. */
export const cookieOf = (setCookies: string[]) => setCookies.map((header) => header.split(";")[0]).join("; ");

/**
 * What a page says, as text to search: scripts (the RSC payload) left out, React's text separators removed and
 * entities decoded ("don&#x27;t" → "don't"). Tags stay: a sentence rendered as one string is found whole.
 */
export function textOf(html: string): string {
  return decodeEntities(html.replace(/<script\b[\s\S]*?<\/script>/g, "").replace(/<!-- -->/g, ""));
}

/** The texts of a page's form-level errors (`<p role="alert">`), as FormAlert renders them. */
export function alertsIn(html: string): string[] {
  return [...textOf(html).matchAll(/<p role="alert"[^>]*>([^<]*)<\/p>/g)].map(([, text]) => text!);
}

/**
 * Posts the form of `path` picked by `formWith` (a field's name, or its button's label: see actionFields) with
 * `fields`, as a browser without JavaScript would; `cookie` is who posts it.
 */
export async function postPageForm(
  baseUrl: string,
  path: string,
  cookie: string,
  formWith: string,
  fields: Array<[string, string]>,
): Promise<Response> {
  return postFields(baseUrl, path, cookie, await actionFields(path, cookie, baseUrl, formWith), fields);
}

/** Posts `hidden` (a form's $ACTION fields, read earlier) and `fields` to `path`. */
export async function postFields(
  baseUrl: string,
  path: string,
  cookie: string,
  hidden: Array<[string, string]>,
  fields: Array<[string, string]>,
): Promise<Response> {
  const body = new FormData();
  for (const [name, value] of [...hidden, ...fields]) body.append(name, value);
  return fetch(`${baseUrl}${path}`, { method: "POST", body, redirect: "manual", headers: { origin: baseUrl, cookie } });
}

/**
 * The $ACTION fields of the form on `path` whose HTML holds `text` (any words of it): for a form that has neither a
 * field nor a button to pick it by — one a page renders without its button, which a script can still post.
 */
export async function actionFieldsOfFormWith(
  baseUrl: string,
  path: string,
  cookie: string,
  text: string,
): Promise<Array<[string, string]>> {
  const page = await (await fetch(`${baseUrl}${path}`, { headers: { cookie } })).text();
  const form = page
    .split(/<form\b/)
    .slice(1)
    .find((candidate) => textOf(candidate.split("</form>")[0] ?? "").includes(text))
    ?.split("</form>")[0];
  if (!form) throw new Error(`no form on ${path} holds "${text}"`);
  const fields: Array<[string, string]> = [];
  for (const [input] of form.matchAll(/<input type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input)?.[1];
    if (name?.startsWith("$ACTION")) fields.push([name, decodeEntities(/value="([^"]*)"/.exec(input)?.[1] ?? "")]);
  }
  if (!fields.length) throw new Error(`the form on ${path} that holds "${text}" has no server action fields`);
  return fields;
}

/** The newest mail of the app at `baseUrl` matching `query`, waiting for it. */
export const mailOf = (baseUrl: string, query: MailQuery): Promise<ReceivedMail> =>
  waitForMail(mailDirFor(baseUrl), query);

/** A mailed link's path and query (`/verify-email?token=…`), to open on the app. */
export function pathOfLink(mail: ReceivedMail, page: string): string {
  const url = new URL(linkTo(mail, page));
  return `${url.pathname}${url.search}`;
}

export const tokenOf = (path: string) => new URL(path, "http://x").searchParams.get("token") ?? "";

/** Opens a /verify-email link (a sign-up's, or an email change's) with no session: the answer page's text. */
export async function openEmailLink(baseUrl: string, path: string, cookie = ""): Promise<string> {
  const response = await postForm(path, [["token", tokenOf(path)]], baseUrl, cookie);
  return textOf(await response.text());
}

/** "Forgot password?" for `email`, then the link it mails: the /reset-password path with its token. */
export async function askForReset(baseUrl: string, email: string): Promise<string> {
  const since = Date.now();
  const asked = await postForm("/forgot-password", [["email", email]], baseUrl);
  await asked.arrayBuffer();
  if (asked.status !== 200) throw new Error(`asking for a reset link failed (${asked.status})`);
  return pathOfLink(await mailOf(baseUrl, { to: email, subject: "Reset your password", since }), "/reset-password");
}

/** Sets `password` through a reset link's form (no session): the response (303 to /login?reset=done on success). */
export async function resetWith(baseUrl: string, path: string, password: string): Promise<Response> {
  return postForm(
    path,
    [
      ["token", tokenOf(path)],
      ["newPassword", password],
      ["confirmNewPassword", password],
    ],
    baseUrl,
  );
}

/** Whether `email` and `password` sign in (the credentials endpoint makes a session). */
export async function signsIn(baseUrl: string, email: string, password: string): Promise<boolean> {
  const response = await signInDirect(email, password, baseUrl);
  await response.arrayBuffer();
  return /authjs\.session-token=[^;]/.test(cookieHeader(response));
}

/** The /api/me of a session: its status, and the person it names when signed in. */
export async function me(baseUrl: string, cookie: string): Promise<{ status: number; name?: string; email?: string }> {
  const response = await fetch(`${baseUrl}/api/me`, { headers: { cookie } });
  if (response.status !== 200) return { status: response.status };
  const { name, email } = (await response.json()) as { name: string; email: string };
  return { status: 200, name, email };
}
