import { describe, expect, it } from "vitest";

import { isCommonPassword } from "./common-passwords";

describe("the common-password blocklist", () => {
  it("knows the usual suspects, whatever the case", () => {
    for (const password of ["123456", "password", "qwerty", "Dragon", "iloveyou", "trustno1"])
      expect(isCommonPassword(password)).toBe(true);
  });

  it("lets a passphrase through", () => {
    expect(isCommonPassword("correct horse battery staple")).toBe(false);
  });
});
