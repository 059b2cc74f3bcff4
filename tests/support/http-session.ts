// Talking to the running app over plain HTTP, as a browser without JavaScript would: the real forms (their hidden
// $ACTION_* fields included) and Auth.js's credentials endpoint. No vitest here: the benchmark uses it too.
import { mailDirFor } from "./app-server";
import { linkTo, waitForMail } from "./mail-sink";

export interface Credentials {
  name: string;
  email: string;
  password: string;
}

/** An attribute value as React escaped it in the HTML, read back. */
export function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/**
 * The hidden fields Next renders into a progressively enhanced form (its action id and bound state). On a page
 * with several forms, `formWith` picks the one that has a field of that name, a button of that label (a form
 * whose button is all there is to it), or that id (a form whose button sits elsewhere, owned through `form=`).
 */
export async function actionFields(
  path: string,
  cookie: string,
  baseUrl: string,
  formWith?: string,
): Promise<Array<[string, string]>> {
  const page = await (await fetch(`${baseUrl}${path}`, { headers: { cookie } })).text();
  const html = formWith
    ? (page
        .split(/<form\b/)
        .find((form) =>
          [`name="${formWith}"`, `>${formWith}</button>`, ` id="${formWith}"`].some((mark) => form.includes(mark)),
        )
        ?.split("</form>")[0] ?? "")
    : page;
  const fields: Array<[string, string]> = [];
  for (const [input] of html.matchAll(/<input type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input)?.[1];
    if (name?.startsWith("$ACTION")) fields.push([name, decodeEntities(/value="([^"]*)"/.exec(input)?.[1] ?? "")]);
  }
  if (!fields.length) throw new Error(`no server action fields on ${path}`);
  return fields;
}

/** Posts `fields` to the form on `path` as a browser without JavaScript would. */
export async function postForm(
  path: string,
  fields: Array<[string, string | Blob]>,
  baseUrl: string,
  cookie = "",
  /** The action fields of the page as it was loaded earlier (a form left open), instead of loading it now. */
  loaded?: Array<[string, string]>,
): Promise<Response> {
  const body = new FormData();
  const action = loaded ?? (await actionFields(path, cookie, baseUrl));
  for (const [name, value] of [...action, ...fields]) body.append(name, value);
  // A browser sends its Origin with every form post; Next checks it against the host (CSRF protection).
  return fetch(`${baseUrl}${path}`, { method: "POST", body, redirect: "manual", headers: { origin: baseUrl, cookie } });
}

/** The `name=value` pairs of a response's Set-Cookie headers, as a Cookie header (the last of each name wins). */
export function cookieHeader(response: Response): string {
  const pairs = new Map(
    response.headers.getSetCookie().map((header) => (header.split(";")[0] ?? "").split(/=(.*)/s) as [string, string]),
  );
  return [...pairs].map(([name, value]) => `${name}=${value}`).join("; ");
}

/** A Cookie header as cookies a browser context can take (playwright's addCookies), for the app at `url`. */
export function browserCookies(header: string, url: string): Array<{ name: string; value: string; url: string }> {
  return header.split("; ").map((pair) => {
    const [name, value] = pair.split(/=(.*)/s) as [string, string];
    return { name, value, url };
  });
}

/**
 * Creates the account and signs in; resolves with the Set-Cookie headers of the new session. With verification
 * required (the default), as a person would: the form's answer, the link from the mail the app sent to the
 * loopback SMTP server, the link's form, then the sign-in. With EMAIL_VERIFICATION=optional the sign-up's own
 * response carries the session.
 */
export async function signUpDirect(person: Credentials, baseUrl: string, appUrl = baseUrl): Promise<string[]> {
  const since = Date.now();
  const response = await postForm(
    "/register",
    [
      ["name", person.name],
      ["email", person.email],
      ["password", person.password],
    ],
    baseUrl,
  );
  if (response.status === 303) return response.headers.getSetCookie();
  const page = await response.text();
  if (response.status !== 200 || !page.includes("Check your inbox")) {
    throw new Error(`sign-up failed with status ${response.status}`);
  }
  await verifyEmailDirect(person.email, baseUrl, since, appUrl);
  const signedIn = await signInDirect(person.email, person.password, baseUrl);
  if (signedIn.status !== 302) throw new Error(`sign-in after verifying failed with status ${signedIn.status}`);
  return signedIn.headers.getSetCookie();
}

/**
 * Opens the newest verification link mailed to `email` (since `since`) and submits its form; throws unless
 * verified. `appUrl`: the app whose mail to read, when `baseUrl` is a proxy in front of it.
 */
export async function verifyEmailDirect(email: string, baseUrl: string, since = 0, appUrl = baseUrl): Promise<void> {
  const mail = await waitForMail(mailDirFor(appUrl), { to: email, subject: "Verify your email", since });
  const token = new URL(linkTo(mail, "/verify-email")).searchParams.get("token") ?? "";
  const opened = await postForm(`/verify-email?token=${token}`, [["token", token]], baseUrl);
  if (!(await opened.text()).includes("Email verified"))
    throw new Error(`verifying ${email} failed (${opened.status})`);
}

/** Signs in through Auth.js's credentials endpoint (CSRF token first); resolves with the response (302). */
export async function signInDirect(email: string, password: string, baseUrl: string): Promise<Response> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: cookieHeader(csrf), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, csrfToken }),
  });
}

/** The session cookie (as a Cookie header) of a successful sign-in, or an error naming why there is none. */
export async function sessionCookie(email: string, password: string, baseUrl: string): Promise<string> {
  const response = await signInDirect(email, password, baseUrl);
  const cookie = cookieHeader(response);
  if (response.status !== 302 || !/authjs\.session-token=/.test(cookie)) {
    throw new Error(`sign-in failed: ${response.status} → ${response.headers.get("location")}`);
  }
  return cookie;
}
