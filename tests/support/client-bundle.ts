// The JavaScript a browser loads for a page: every <script src> of its HTML, fetched from the running app. The
// benchmark reports its size (First Load JS); a browser test checks that no server-side auth code is in it.
import { gzipSync } from "node:zlib";

export interface PageScripts {
  files: number;
  rawBytes: number;
  gzipBytes: number;
  /** Every script's text, for content checks. */
  sources: string[];
}

export async function pageScripts(url: string, cookie = ""): Promise<PageScripts> {
  const page = await fetch(url, { headers: { cookie }, redirect: "manual" });
  if (page.status !== 200) throw new Error(`${url} answered ${page.status}`);
  const html = await page.text();
  const sources = [...new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1]!))];
  const bodies = await Promise.all(
    sources.map(async (src) =>
      Buffer.from(await (await fetch(new URL(src.replace(/&amp;/g, "&"), url))).arrayBuffer()),
    ),
  );
  return {
    files: bodies.length,
    rawBytes: bodies.reduce((sum, body) => sum + body.length, 0),
    gzipBytes: bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0),
    sources: bodies.map((body) => body.toString("utf8")),
  };
}

/**
 * Strings only server-side auth code contains (checked against node_modules: none is in next-auth/react).
 * jose's error codes, bcryptjs's messages, Drizzle's query errors, Auth.js's server logger prefix.
 */
export const SERVER_AUTH_MARKERS: Record<string, string> = {
  "jose (JWT encryption)": "ERR_JWE_DECRYPTION_FAILED",
  bcryptjs: "Illegal number of rounds",
  "drizzle-orm": "Failed query",
  "@auth/core (server)": "[auth][error]",
};

/** A header only next-auth/react's session client sends: proof that the client bundle was read at all. */
export const SESSION_CLIENT_MARKER = "X-Auth-Return-Redirect";
