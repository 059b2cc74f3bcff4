// Moving a session's clock instead of waiting for it. A session is re-checked against the database once its
// token's `checkedAt` is AUTH_REVALIDATE_SECONDS old (at least 10 s). Rather than sleep through that bound, a
// test rewrites the session cookie with `checkedAt` moved into the past — exactly the token the browser would
// hold once the bound had passed — using the server's own secret, as the server itself would encode it.
import { decode, encode, type JWT } from "next-auth/jwt";
import type { BrowserContext } from "playwright-core";

const COOKIE = "authjs.session-token";

type Change = (token: JWT & { checkedAt: number }) => JWT;

async function rewritten(value: string, secret: string, change: Change): Promise<string> {
  const token = await decode({ token: value, secret, salt: COOKIE });
  if (typeof token?.checkedAt !== "number") throw new Error("not a session cookie of this server");
  return encode({ token: change({ ...token, checkedAt: token.checkedAt }), secret, salt: COOKIE });
}

const olderBy =
  (seconds: number): Change =>
  (token) => ({ ...token, checkedAt: token.checkedAt - seconds });

/** A Cookie header whose session token is rewritten by `change` (other cookies unchanged). */
export async function rewriteCookieHeader(header: string, secret: string, change: Change): Promise<string> {
  const pairs = await Promise.all(
    header.split("; ").map(async (pair) => {
      const [name, value = ""] = pair.split(/=(.*)/s);
      return name === COOKIE ? `${name}=${await rewritten(value, secret, change)}` : pair;
    }),
  );
  return pairs.join("; ");
}

/** A Cookie header whose session is `seconds` older than it was (other cookies unchanged). */
export function ageCookieHeader(header: string, secret: string, seconds: number): Promise<string> {
  return rewriteCookieHeader(header, secret, olderBy(seconds));
}

/** The session token inside a Cookie header or a Set-Cookie value, decrypted; null when there is none. */
export async function sessionTokenIn(header: string, secret: string): Promise<JWT | null> {
  const value = new RegExp(`(?:^|[;,]\\s*)${COOKIE.replace(".", "\\.")}=([^;]*)`).exec(header)?.[1];
  return value ? decode({ token: value, secret, salt: COOKIE }) : null;
}

/** Rewrites the session token a browser context holds for `url` (one that is signed out is left alone). */
export async function rewriteBrowserSession(
  context: BrowserContext,
  url: string,
  secret: string,
  change: Change,
): Promise<void> {
  const cookie = (await context.cookies(url)).find(({ name }) => name === COOKIE);
  if (cookie) await context.addCookies([{ ...cookie, value: await rewritten(cookie.value, secret, change) }]);
}

/** Ages the session each browser context holds for `url` by `seconds`. */
export async function ageBrowserSessions(
  contexts: BrowserContext[],
  url: string,
  secret: string,
  seconds: number,
): Promise<void> {
  for (const context of contexts) await rewriteBrowserSession(context, url, secret, olderBy(seconds));
}
