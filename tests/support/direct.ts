// Signing up without a browser: a no-JavaScript post of the real form (its hidden $ACTION_* fields included).
import { appUrl, type Person } from "./app";

function decodeEntities(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** The hidden fields Next renders into a progressively enhanced form (its action id and bound state). */
export async function actionFields(path: string, cookie = ""): Promise<Array<[string, string]>> {
  const html = await (await fetch(`${appUrl}${path}`, { headers: { cookie } })).text();
  const fields: Array<[string, string]> = [];
  for (const [input] of html.matchAll(/<input type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input)?.[1];
    if (name?.startsWith("$ACTION")) fields.push([name, decodeEntities(/value="([^"]*)"/.exec(input)?.[1] ?? "")]);
  }
  if (!fields.length) throw new Error(`no server action fields on ${path}`);
  return fields;
}

/** Posts `fields` to the form on `path` as a browser without JavaScript would. */
export async function postForm(path: string, fields: Array<[string, string | Blob]>): Promise<Response> {
  const body = new FormData();
  for (const [name, value] of [...(await actionFields(path)), ...fields]) body.append(name, value);
  // A browser sends its Origin with every form post; Next checks it against the host (CSRF protection).
  return fetch(`${appUrl}${path}`, { method: "POST", body, redirect: "manual", headers: { origin: appUrl } });
}

/** Creates the account; resolves with the Set-Cookie headers of the response (the new session). */
export async function signUpDirect(person: Person): Promise<string[]> {
  const response = await postForm("/register", [["name", person.name], ["email", person.email], ["password", person.password]]);
  if (response.status !== 303) throw new Error(`sign-up failed with status ${response.status}`);
  return response.headers.getSetCookie();
}
