// Next.js needs the middleware's matcher as a literal, so it cannot be built from the route table; this checks
// the literal against the table instead, with Next's own matching.
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";

import { FORBIDDEN_PATH, GUARDED_PREFIXES, HOME_PATH, REFRESH_PATH, SESSION_FREE_PREFIXES } from "./config/routes";
import { config } from "./middleware";

const runsFor = (path: string) => unstable_doesMiddlewareMatch({ config, url: path });

describe("the middleware's matcher", () => {
  it.each(GUARDED_PREFIXES)("runs for every route the guard decides: %s and below it", (prefix) => {
    expect(runsFor(prefix)).toBe(true);
    expect(runsFor(`${prefix}/deep/path?x=1`)).toBe(true);
  });

  it.each([HOME_PATH, FORBIDDEN_PATH, REFRESH_PATH, "/no-such-page", "/api/other"])(
    "runs for the page or route %s (its CSP nonce, a stale token's refresh)",
    (path) => {
      expect(runsFor(path)).toBe(true);
    },
  );

  it.each(SESSION_FREE_PREFIXES)("never runs for %s and below it", (prefix) => {
    expect(runsFor(prefix)).toBe(false);
    expect(runsFor(`${prefix}/anything`)).toBe(false);
  });

  it("does not mistake a longer name for a session-free one", () => {
    expect(runsFor("/api/authority")).toBe(true);
    expect(runsFor("/api/healthy")).toBe(true);
  });

  it.each(["/_next/static/chunks/app.js", "/_next/image?url=x", "/favicon.ico", "/avatar.png", "/styles.css"])(
    "never runs for the static file %s",
    (path) => {
      expect(runsFor(path)).toBe(false);
    },
  );
});
