// A server action reads its request through next/headers, and in a Node test there is no request. This stands in
// for one: the headers a browser would send — with a real session cookie, encrypted with the test secret exactly
// as the server encrypts it — and the cookie jar the response would set. The action, the session check and the
// database all run as they do in the app. Use it from a test file with:
//
//   vi.mock("next/headers", async (original) => ({ ...(await original()), ...(await import("@tests/support/action-request")).nextHeaders }));
import { decode, encode } from "next-auth/jwt";

import type { Role } from "@/config/roles";
import { startDeviceSession } from "@/db/device-sessions";

const COOKIE = "authjs.session-token"; // the http:// name (no __Secure- prefix): the request below says http

/** The part of Next's cookie store an action uses; what it sets stays here for the test to read. */
class CookieJar {
  readonly #cookies = new Map<string, string>();
  get(name: string): { name: string; value: string } | undefined {
    const value = this.#cookies.get(name);
    return value === undefined ? undefined : { name, value };
  }
  getAll(): Array<{ name: string; value: string }> {
    return [...this.#cookies].map(([name, value]) => ({ name, value }));
  }
  has(name: string): boolean {
    return this.#cookies.has(name);
  }
  set(name: string, value: string): this {
    this.#cookies.set(name, value);
    return this;
  }
  delete(name: string): this {
    this.#cookies.delete(name);
    return this;
  }
}

/** The request the next server action call sees. */
export const request = { headers: new Headers(), cookies: new CookieJar() };

/** What next/headers answers inside the action. */
export const nextHeaders = {
  headers: async () => request.headers,
  cookies: async () => request.cookies,
};

export interface SessionPerson {
  id: string;
  name: string;
  email: string;
  image: string | null;
  role: Role;
  sessionVersion: number;
}

/**
 * The next action runs as `person`, with a token checked against the database just now, in a device session of
 * its own — as after a sign-in. Returns that session's id. A `sid` among `claims` names a device session instead
 * of opening one (for a database that cannot be reached).
 */
export async function actAs(person: SessionPerson, claims: Record<string, unknown> = {}): Promise<string> {
  const now = new Date();
  const sid =
    typeof claims.sid === "string"
      ? claims.sid
      : await startDeviceSession({ userId: person.id, device: "Vitest", ip: "203.0.113.7" }, now, new Date(0));
  const token = await encode({
    token: {
      sub: person.id,
      name: person.name,
      email: person.email,
      picture: person.image,
      role: person.role,
      sessionVersion: person.sessionVersion,
      checkedAt: Math.floor(now.getTime() / 1000),
      signedInAt: Math.floor(now.getTime() / 1000),
      sid,
      ...claims,
    },
    secret: process.env.AUTH_SECRET ?? "",
    salt: COOKIE,
  });
  startRequest(`${COOKIE}=${token}`);
  return sid;
}

/** The next action runs with no session cookie at all. */
export function actSignedOut(): void {
  startRequest("");
}

function startRequest(cookie: string): void {
  request.headers = new Headers({
    host: "localhost:3000",
    "x-forwarded-proto": "http",
    "x-forwarded-for": "203.0.113.7",
    cookie,
  });
  request.cookies = new CookieJar();
}

/** The session token the action set on its response (update() refreshing it), decrypted; null if it set none. */
export async function refreshedSession(): Promise<Record<string, unknown> | null> {
  const value = request.cookies.get(COOKIE)?.value;
  return value ? decode({ token: value, secret: process.env.AUTH_SECRET ?? "", salt: COOKIE }) : null;
}
