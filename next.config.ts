import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_SERVER } from "next/constants";

// A static import: Next transpiles next.config.ts's own imports only while it loads the file.
import { LINK_PAGE } from "./src/config/mail-links";
import { MAX_BODY_BYTES } from "./src/lib/edge/body-limit";
import { applyDevelopmentAuthSecret, DEV_AUTH_SECRET_FILE } from "./src/lib/server/dev-auth-secret";
import { parseEnv } from "./src/lib/server/env-schema";

/**
 * Runs once when `next dev` or `next start` boots. Development without AUTH_SECRET gets one kept in
 * .data/auth-secret (made on the first start), set here — in the server process, before any request — so the Edge
 * middleware and the Node server share it, and a restart keeps sessions and two-factor. Production never does:
 * there a missing AUTH_SECRET stops start-up. Then the environment is parsed once: a bad variable stops start-up
 * with one line, not a stack trace later.
 */
function checkEnvironment(phase: string): void {
  try {
    if (phase === PHASE_DEVELOPMENT_SERVER && applyDevelopmentAuthSecret(process.env) === "generated") {
      console.warn(`⚠ AUTH_SECRET is not set: generated one for development, kept in ${DEV_AUTH_SECRET_FILE}.`);
    }
    parseEnv(process.env, { productionServer: phase === PHASE_PRODUCTION_SERVER });
  } catch (error) {
    console.error(`✖ ${(error as Error).message}`);
    process.exit(1);
  }
}

/**
 * Security headers for every response. The Content-Security-Policy is not here: it carries a fresh nonce per
 * request, so the middleware sets it (src/lib/edge/content-security-policy.ts, src/middleware.ts).
 */
function securityHeaders(development: boolean): Array<{ key: string; value: string }> {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
    ...(development
      ? []
      : [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains; preload" }]),
  ];
}

const AUTH_ROUTES_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export default function config(phase: string): NextConfig {
  if (phase === PHASE_DEVELOPMENT_SERVER || phase === PHASE_PRODUCTION_SERVER) checkEnvironment(phase);
  const development = phase === PHASE_DEVELOPMENT_SERVER;
  return {
    async headers() {
      return [
        { source: "/:path*", headers: securityHeaders(development) },
        // The middleware (and its per-request CSP) does not run for Auth.js's routes. Its built-in error page is
        // HTML: a static policy lets its inline styles render and nothing run.
        { source: "/api/auth/:path*", headers: [{ key: "Content-Security-Policy", value: AUTH_ROUTES_CSP }] },
        // A mailed link's token sits in the URL: no Referer may carry it to another site (or to this one's logs).
        ...[...new Set(Object.values(LINK_PAGE))].map((source) => ({
          source,
          headers: [{ key: "Referrer-Policy", value: "no-referrer" }],
        })),
      ];
    },
    // The benchmark's public twin of /dashboard (src/app/bench/…/page.bench.tsx) is compiled only into builds made
    // with BENCH_ROUTES=true (the bench's and the tests'): a production build has no such route at all.
    // Likewise development's outbox (src/app/dev/mail/page.dev.tsx) exists only under `next dev`.
    pageExtensions: [
      "tsx",
      "ts",
      ...(process.env.BENCH_ROUTES === "true" ? ["bench.tsx"] : []),
      ...(development ? ["dev.tsx"] : []),
    ],
    reactStrictMode: true,
    poweredByHeader: false,
    // PGlite loads its WebAssembly and data files from its own package directory, ws has optional native
    // add-ons, and rate-limiter-flexible imports drizzle-orm by a computed name (so drizzle-orm is external too:
    // one copy, shared with our queries): all are loaded from node_modules at run time, not bundled.
    serverExternalPackages: ["@electric-sql/pglite", "ws", "rate-limiter-flexible", "drizzle-orm"],
    experimental: {
      // forbidden(): the server-side role check renders the 403 page with a real 403 status.
      authInterrupts: true,
      // The middleware refuses larger bodies first (src/lib/edge/body-limit.ts); this is Next's own limit, kept equal.
      serverActions: { bodySizeLimit: MAX_BODY_BYTES },
    },
  };
}
