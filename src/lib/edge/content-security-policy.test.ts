import { getScriptNonceFromHeader } from "next/dist/server/app-render/get-script-nonce-from-header";
import { describe, expect, it } from "vitest";

import { contentSecurityPolicy, newNonce } from "./content-security-policy";

const directive = (policy: string, name: string) => policy.split("; ").find((part) => part.startsWith(`${name} `));

describe("newNonce", () => {
  it("is 128 random bits in base64, new every time", () => {
    const nonces = Array.from({ length: 1_000 }, newNonce);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(atob(nonce)).toHaveLength(16);
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});

describe("contentSecurityPolicy", () => {
  it("trusts scripts by nonce and what they load ('strict-dynamic'), never inline scripts or eval in production", () => {
    const policy = contentSecurityPolicy("abc123==", false);
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(directive(policy, "connect-src")).toBe("connect-src 'self'");
    for (const part of [
      "default-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ]) {
      expect(policy.split("; ")).toContain(part);
    }
  });

  it("adds eval and websockets in development only (React's debugging, HMR)", () => {
    const policy = contentSecurityPolicy("abc123==", true);
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic' 'unsafe-eval'");
    expect(directive(policy, "connect-src")).toBe("connect-src 'self' ws: wss:");
  });

  it("carries a nonce Next.js reads back (the function it uses on the request header)", () => {
    const nonce = newNonce();
    expect(getScriptNonceFromHeader(contentSecurityPolicy(nonce, false))).toBe(nonce);
  });
});
