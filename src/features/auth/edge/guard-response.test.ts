import { describe, expect, it } from "vitest";

import { guardResponse } from "./guard-response";

const POLICY = "default-src 'self'; script-src 'self' 'nonce-AAAAAAAAAAAAAAAAAAAAAA==' 'strict-dynamic'";
// A client may send a CSP request header of its own, to choose the nonce Next.js would render: it must not count.
const request = {
  headers: new Headers({ cookie: "a=1", "content-security-policy": "script-src 'nonce-chosen-by-the-client'" }),
};

/** What Next.js hands the page as its request headers, from the middleware response's x-middleware-* headers. */
function forwardedRequestHeaders(response: Response): Record<string, string | null> {
  const names = (response.headers.get("x-middleware-override-headers") ?? "").split(",");
  return Object.fromEntries(names.map((name) => [name, response.headers.get(`x-middleware-request-${name}`)]));
}

describe("guardResponse", () => {
  it("lets the request through with the policy as a request header (for Next's nonce) and a response header", () => {
    const response = guardResponse({ kind: "allow" }, request, POLICY);
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(forwardedRequestHeaders(response)).toMatchObject({ "content-security-policy": POLICY, cookie: "a=1" });
    expect(response.headers.get("content-security-policy")).toBe(POLICY);
  });

  it("rewrites to the 403 page with status 403, and the same policy on the request and the response", () => {
    const response = guardResponse(
      { kind: "forbidden", page: new URL("https://app.example/forbidden") },
      request,
      POLICY,
    );
    expect(response.status).toBe(403);
    expect(response.headers.get("x-middleware-rewrite")).toBe("https://app.example/forbidden");
    expect(forwardedRequestHeaders(response)).toMatchObject({ "content-security-policy": POLICY });
    expect(response.headers.get("content-security-policy")).toBe(POLICY);
  });

  it("redirects with 307 to the decided location", () => {
    const response = guardResponse(
      { kind: "redirect", location: new URL("https://app.example/login?callbackUrl=%2Fdashboard") },
      request,
      POLICY,
    );
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("https://app.example/login?callbackUrl=%2Fdashboard");
    expect(response.headers.get("content-security-policy")).toBe(POLICY);
  });

  it("answers 401 with the JSON error contract", async () => {
    const response = guardResponse({ kind: "unauthorized" }, request, POLICY);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "unauthorized", message: "Sign in to use this endpoint." });
  });

  it("answers 403 with the JSON error contract when an API route needs a higher role", async () => {
    const response = guardResponse({ kind: "api-forbidden" }, request, POLICY);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: "forbidden", message: "You don't have access to this endpoint." });
  });
});
