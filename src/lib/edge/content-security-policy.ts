// The Content-Security-Policy, with a fresh nonce per request. Edge-safe (Web Crypto and btoa, no Buffer): the
// middleware makes it for every request it sees.
//
// Why a nonce and not 'unsafe-inline': with 'unsafe-inline' any injected <script> runs, so the policy stopped
// nothing that mattered. Next.js inlines its bootstrap and RSC payload scripts; it reads the nonce from the
// REQUEST's Content-Security-Policy header and puts it on every script it renders, and 'strict-dynamic' lets the
// scripts so trusted load the chunks they need. Per-request nonces make a page uncacheable, which costs nothing
// here: every page already reads the session (the root layout calls auth()), so every page is dynamic anyway.

export const CSP_HEADER = "Content-Security-Policy";

/** 128 random bits, base64: a new one for every request, never reused. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** The policy for one response. Development also needs eval (React's debugging) and websockets (HMR). */
export function contentSecurityPolicy(nonce: string, development = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    // 'self' is ignored where 'strict-dynamic' is understood; it is there for browsers that predate it.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // React and Tailwind set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // Avatars are https URLs on any host, loaded by a plain <img> (no proxy).
    "img-src 'self' https: data: blob:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
