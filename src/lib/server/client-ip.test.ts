import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { clientIp, clientIpSourceProblem, clientKey } from "./client-ip";

const forwardedFor = (value: string) => new Headers({ "x-forwarded-for": value });

describe("clientIp", () => {
  it("with no proxy, takes the entry npm start's server entry appended: the socket's peer", () => {
    expect(clientIp(forwardedFor("203.0.113.9"), 0)).toBe("203.0.113.9");
    // Whatever the client wrote stands to the left of it, and proves nothing.
    expect(clientIp(forwardedFor("1.1.1.1, 8.8.8.8, 203.0.113.9"), 0)).toBe("203.0.113.9");
  });

  it("behind N proxies, takes the (N+1)-th entry from the right: the address the first proxy saw", () => {
    // The client wrote 1.1.1.1; the proxy appended 203.0.113.9 (its peer); server.mjs appended 10.0.0.2 (the proxy).
    expect(clientIp(forwardedFor("1.1.1.1, 203.0.113.9, 10.0.0.2"), 1)).toBe("203.0.113.9");
    expect(clientIp(forwardedFor("1.1.1.1, 203.0.113.9, 10.0.0.3, 10.0.0.2"), 2)).toBe("203.0.113.9");
  });

  it("on Vercel, takes the platform's x-real-ip and ignores X-Forwarded-For", () => {
    const headers = new Headers({ "x-real-ip": "203.0.113.9", "x-forwarded-for": "1.1.1.1" });
    expect(clientIp(headers, "vercel")).toBe("203.0.113.9");
    expect(clientIp(forwardedFor("203.0.113.9"), "vercel")).toBeUndefined();
  });

  it("never lets the part a client writes change the answer (any prefix, any proxy count)", () => {
    const address = fc.oneof(fc.ipV4(), fc.ipV6());
    fc.assert(
      fc.property(
        fc.array(fc.string(), { maxLength: 5 }),
        fc.array(address, { minLength: 1, maxLength: 4 }),
        (written, trusted) => {
          const proxies = trusted.length - 1;
          const honest = trusted.join(", ");
          expect(clientIp(forwardedFor([...written, honest].join(", ")), proxies)).toBe(
            clientIp(forwardedFor(honest), proxies),
          );
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it.each([
    ["::ffff:127.0.0.1", "127.0.0.1"], // a dual-stack socket's view of an IPv4 client
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    [" 203.0.113.9 ", "203.0.113.9"],
  ])("canonicalises %j to %j", (raw, canonical) => {
    expect(clientIp(forwardedFor(raw), 0)).toBe(canonical);
  });

  it.each([["unknown"], [""], ["203.0.113.9:443"], ["01.2.3.4"], ["1.2.3"], ["[::1]"], ["a".repeat(5_000)]])(
    "has no address for %j",
    (raw) => {
      expect(clientIp(forwardedFor(raw), 0)).toBeUndefined();
    },
  );

  it("has no address when there are fewer entries than proxies", () => {
    expect(clientIp(forwardedFor("203.0.113.9"), 1)).toBeUndefined();
    expect(clientIp(new Headers(), 0)).toBeUndefined();
  });
});

describe("clientKey", () => {
  it("counts an IPv4 address as itself and an IPv6 address by its /64", () => {
    expect(clientKey(forwardedFor("203.0.113.9"), 0)).toBe("203.0.113.9");
    expect(clientKey(forwardedFor("2001:db8:1:2:aaaa::1"), 0)).toBe("2001:db8:1:2::/64");
    expect(clientKey(forwardedFor("2001:db8:1:2:ffff:ffff:ffff:ffff"), 0)).toBe("2001:db8:1:2::/64");
    expect(clientKey(forwardedFor("2001:db8:1:3::1"), 0)).toBe("2001:db8:1:3::/64");
  });

  it("puts every client without a trustworthy address under one bounded key", () => {
    expect(clientKey(forwardedFor("not an address"), 0)).toBe("unknown");
    expect(clientKey(forwardedFor("x".repeat(10_000)), 0)).toBe("unknown");
  });
});

describe("clientIpSourceProblem", () => {
  it("names the fix when the production server runs without server.mjs, and is quiet on Vercel", () => {
    expect(clientIpSourceProblem(0)).toMatch(/npm start \(server\.mjs\)/);
    expect(clientIpSourceProblem("vercel")).toBeUndefined();
  });
});
