// callbackUrl values that must never send a browser off this origin: the security review's `/.//evil.example`
// and its variants, plus the plain forms. One list, for the rule's unit test and for every redirecting route.
export const HOSTILE_CALLBACK_URLS = [
  // Each of these resolves to `//evil.example` (or `/\evil.example`, which browsers read the same way).
  "/.//evil.example",
  "/./\\evil.example",
  "/%2e%2e//evil.example",
  "/%2E%2e//evil.example",
  "/a/..//evil.example",
  "/a/%2e%2e//evil.example",
  "/./%2e//evil.example",
  "/..//evil.example",
  // Off the origin as they stand, or as a browser reads them (it drops tabs and newlines, and reads `\` as `/`).
  "//evil.example",
  "//evil.example/path",
  "https://evil.example/",
  "http://evil.example/dashboard",
  "javascript:alert(1)",
  "evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "%2F%2Fevil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "/\u0000/evil.example",
  "/\u0085/evil.example",
  "/\u00a0/evil.example",
  "/\u2028/evil.example",
  // Unicode look-alikes of `/` and `\`.
  "/\uFF0F/evil.example",
  "/\uFF3Cevil.example",
];
