// The HTTP helpers of ./http-session.ts, pointed at the shared test server unless told otherwise.
import { appUrl, type Person } from "./app";
import * as http from "./http-session";

export { cookieHeader } from "./http-session";

export const actionFields = (path: string, cookie = "", baseUrl = appUrl, formWith?: string) =>
  http.actionFields(path, cookie, baseUrl, formWith);

export const postForm = (
  path: string,
  fields: Array<[string, string | Blob]>,
  baseUrl = appUrl,
  cookie = "",
  loaded?: Array<[string, string]>,
) => http.postForm(path, fields, baseUrl, cookie, loaded);

export const signUpDirect = (person: Person, baseUrl = appUrl) => http.signUpDirect(person, baseUrl);
