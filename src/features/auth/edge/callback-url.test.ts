import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { HOSTILE_CALLBACK_URLS } from "@tests/support/hostile-callback-urls";

import { authRedirect, safeCallbackUrl } from "./callback-url";

// Where the app runs, as far as a browser is concerned: a Location is resolved against the page's own address,
// which may have a path, a query and a fragment of its own.
const BASES = ["https://app.example/", "https://app.example/a/b/c?x#y", "http://127.0.0.1:3000/deep/path/"];

/** What the rule promises of an answer that is not the fallback: the browser stays here and lands on exactly it. */
function expectSameOriginPath(result: string): void {
  expect(result.startsWith("/")).toBe(true);
  expect(result.startsWith("//")).toBe(false);
  expect(result).toMatch(/^[\x21-\x7e]+$/); // no control character, no whitespace, nothing outside ASCII
  expect(result).not.toContain("\\");
  for (const base of BASES) {
    const landed = new URL(result, base);
    expect(landed.origin).toBe(new URL(base).origin);
    expect(`${landed.pathname}${landed.search}${landed.hash}`).toBe(result);
  }
  expect(safeCallbackUrl(result)).toBe(result); // idempotent: a second pass changes nothing
}

// The pieces open redirects are made of: slashes and their encodings (double encoding too), dot segments and
// theirs, characters browsers strip or reinterpret, scheme and authority syntax, Unicode look-alikes of `/`, `\`
// and `.` (fullwidth solidus, fullwidth reverse solidus, fraction slash, division slash, fullwidth full stop,
// ideographic full stop), and ordinary letters.
const PIECES = [
  "/",
  "\\",
  ".",
  "..",
  "%2e",
  "%2E%2e",
  "%2f",
  "%2F",
  "%5c",
  "%252f",
  "%00",
  "\t",
  "\n",
  "\r",
  " ",
  "@",
  ":",
  "?",
  "#",
  "evil.example",
  "http:",
  "https:",
  "javascript:",
  "\uFF0F",
  "\uFF3C",
  "\u2044",
  "\u2215",
  "\uFF0E",
  "\u3002",
];
const piece = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z]{1,3}$/) },
);
const joined = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(""));
// Most interesting candidates pass the first check (a leading slash), so half of them are given one.
const candidate = fc.oneof(
  joined,
  joined.map((rest) => `/${rest}`),
);

// The shared list, plus values that are no path at all.
const HOSTILE = [...HOSTILE_CALLBACK_URLS, " /dashboard", "dashboard", "", `/${"a".repeat(2048)}`];

describe("safeCallbackUrl", () => {
  it.each(["/dashboard", "/profile?tab=1", "/admin#users", "/a/b/c", "/", "/settings?a=1&b=2#x"])(
    "keeps the same-origin path %s",
    (path) => {
      expect(safeCallbackUrl(path)).toBe(path);
    },
  );

  it("resolves what it keeps, so the answer is where the browser lands", () => {
    expect(safeCallbackUrl("/a/../profile")).toBe("/profile");
    expect(safeCallbackUrl("/./admin")).toBe("/admin");
    // An encoded slash is not a separator: it stays part of one segment of this origin's path.
    expect(safeCallbackUrl("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  });

  it.each(HOSTILE)("refuses %j and falls back to /dashboard", (hostile) => {
    expect(safeCallbackUrl(hostile)).toBe("/dashboard");
  });

  it.each([undefined, null, 42, ["/dashboard"], {}])("refuses the non-string %j", (hostile) => {
    expect(safeCallbackUrl(hostile)).toBe("/dashboard");
  });

  it("falls back to the fallback it is given", () => {
    expect(safeCallbackUrl("/.//evil.example", "/")).toBe("/");
    expect(safeCallbackUrl("/profile", "/")).toBe("/profile");
  });

  it("answers the fallback or a same-origin path, for strings made of redirect tricks", () => {
    fc.assert(
      fc.property(candidate, fc.constantFrom("/dashboard", "/"), (input, fallback) => {
        const result = safeCallbackUrl(input, fallback);
        if (result !== fallback) expectSameOriginPath(result);
      }),
      { numRuns: 5_000 },
    );
  });

  it("the property is not vacuous: it catches the version that shipped the open redirect", () => {
    // The pre-fix code, verbatim in behaviour: it checked the raw string, then returned the resolved path unchecked.
    const shipped = (input: string): string => {
      if (input.length > 2048 || !input.startsWith("/") || input.startsWith("//") || input.startsWith("/\\"))
        return "/dashboard";
      if (/[\u0000-\u001f\u007f\s]/.test(input)) return "/dashboard";
      const resolved = new URL(input, "http://same.origin");
      if (resolved.origin !== "http://same.origin") return "/dashboard";
      return `${resolved.pathname}${resolved.search}${resolved.hash}`;
    };
    expect(shipped("/.//evil.example")).toBe("//evil.example");
    expect(shipped("/%2e%2e//evil.example")).toBe("//evil.example");
    expect(shipped("/a/..//evil.example")).toBe("//evil.example");
    expect(shipped("/./\\evil.example")).toBe("//evil.example");
    const run = fc.check(
      fc.property(candidate, (input) => {
        const result = shipped(input);
        if (result !== "/dashboard") expectSameOriginPath(result);
      }),
      { numRuns: 5_000 },
    );
    expect(run.failed).toBe(true);
  });
});

describe("authRedirect (Auth.js's redirect callback)", () => {
  const baseUrl = "https://app.example";

  it.each([
    ["/profile", "https://app.example/profile"],
    ["/admin?x=1#users", "https://app.example/admin?x=1#users"],
    ["/", "https://app.example/"],
    ["https://app.example/profile?tab=1", "https://app.example/profile?tab=1"],
    ["https://app.example", "https://app.example/"],
  ])("keeps the same-origin %s", (url, expected) => {
    expect(authRedirect({ url, baseUrl })).toBe(expected);
  });

  it.each([
    ...HOSTILE,
    "https://app.example//evil.example",
    "https://app.example/.//evil.example",
    "https://app.example/%2e%2e//evil.example",
    "https://app.example/\t/evil.example",
    "https://app.example:444/profile",
    "http://app.example/profile",
    "https://app.example.evil.example/",
    "https://app.example@evil.example/",
    "not a url",
  ])("sends %j to the home page", (url) => {
    expect(authRedirect({ url, baseUrl })).toBe("https://app.example/");
  });

  it("answers an absolute URL on this origin that resolves to the same path, for any input", () => {
    const absoluteOrPath = fc.oneof(
      candidate,
      candidate.map((rest) => `${baseUrl}${rest}`),
      candidate.map((rest) => `${baseUrl}/${rest}`),
    );
    fc.assert(
      fc.property(absoluteOrPath, (url) => {
        const result = authRedirect({ url, baseUrl });
        expect(result.startsWith(`${baseUrl}/`)).toBe(true);
        expectSameOriginPath(result.slice(baseUrl.length));
        expect(authRedirect({ url: result, baseUrl })).toBe(result);
      }),
      { numRuns: 5_000 },
    );
  });
});
