// The client's IP address, for throttling, from a source the client cannot write. TRUSTED_PROXY says which:
//
//   vercel   Vercel's `x-real-ip`, which the platform sets on every request and overwrites if a client sent one.
//   N ≥ 0    N reverse proxies stand in front, each appending the address it saw to X-Forwarded-For, and
//            `npm start` (server.mjs) appends the socket's own address as one more hop. So the client is the
//            (N+1)-th entry from the right; anything further left was written by the client and proves nothing.
//
// `next dev` has no such entry: Next.js fills in the socket's address only when a request brings no
// X-Forwarded-For, which is good enough on a developer's machine and why production refuses to start without
// server.mjs (src/instrumentation-node.ts).
import "server-only";

import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

import { env } from "./env";

export type TrustedProxy = "vercel" | number;

/** The client's address, canonical (IPv4-mapped IPv6 as IPv4), or undefined when the trusted source has none. */
export function clientIp(headers: Headers, trusted: TrustedProxy = env.TRUSTED_PROXY): string | undefined {
  const raw =
    trusted === "vercel" ? headers.get("x-real-ip") : entryFromTheRight(headers.get("x-forwarded-for"), trusted + 1);
  const address = raw?.trim().replace(/%.*$/, ""); // a zone index (fe80::1%eth0) names an interface, not a client
  if (!address || isIP(address) === 0) {
    warnOnce(trusted);
    return undefined;
  }
  return ipaddr.process(address).toString();
}

/**
 * The key a client is counted under: an IPv4 address as it is, an IPv6 address by its /64 — one subscriber
 * usually holds a whole /64, so counting single addresses would hand them 2^64 fresh starts. A client without a
 * trustworthy address shares one key with every other such client, so the key space stays bounded.
 */
export function clientKey(headers: Headers, trusted: TrustedProxy = env.TRUSTED_PROXY): string {
  const ip = clientIp(headers, trusted);
  if (!ip) return "unknown";
  const address = ipaddr.parse(ip);
  if (address.kind() === "ipv4") return ip;
  const [a = 0, b = 0, c = 0, d = 0] = (address as ipaddr.IPv6).parts;
  return `${new ipaddr.IPv6([a, b, c, d, 0, 0, 0, 0]).toString()}/64`;
}

function entryFromTheRight(list: string | null, position: number): string | undefined {
  const entries = list?.split(",") ?? [];
  return entries[entries.length - position];
}

let warned = false;

/** A missing address in production means TRUSTED_PROXY does not match how the app is deployed: say so, once. */
function warnOnce(trusted: TrustedProxy): void {
  if (warned || env.NODE_ENV !== "production") return;
  warned = true;
  const source = trusted === "vercel" ? "x-real-ip" : `entry ${trusted + 1} from the right of X-Forwarded-For`;
  console.warn(
    `[client-ip] a request had no valid client address (${source}, TRUSTED_PROXY=${trusted}): check TRUSTED_PROXY`,
  );
}

/** Set by server.mjs in its own process: the socket's address is appended to X-Forwarded-For. */
const FORWARDED_MARK = Symbol.for("edge-jwt-auth.socket-address-forwarded");

/**
 * Why a production server cannot know its clients' addresses, or undefined when it can. Without server.mjs in
 * front (`next start` run directly), the entry this module reads would be one the client wrote.
 */
export function clientIpSourceProblem(trusted: TrustedProxy = env.TRUSTED_PROXY): string | undefined {
  if (trusted === "vercel" || FORWARDED_MARK in globalThis) return undefined;
  return "start the production server with npm start (server.mjs), not next start: without it a client chooses the IP it is throttled under";
}
