// Absolute URLs for mail. Built from AUTH_URL — never from the request's Host header, which a client chooses: a
// reset link pointing at an attacker's host would hand them the token (password-reset poisoning).
import "server-only";

import { env } from "@/lib/server/env";

/** Where the app is reached: AUTH_URL (required in production), else this development server's own address. */
export function appOrigin(): string {
  return env.AUTH_URL ? new URL(env.AUTH_URL).origin : `http://localhost:${process.env.PORT ?? 3000}`;
}

/** `path` on the app's origin, with `params` as its query. */
export function appUrl(path: string, params: Record<string, string> = {}): string {
  const url = new URL(path, appOrigin());
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}
