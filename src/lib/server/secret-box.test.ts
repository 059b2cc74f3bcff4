import { describe, expect, it } from "vitest";

import { open, seal } from "./secret-box";

const NEW = "n".repeat(32);
const OLD = "o".repeat(32);

describe("secret-box", () => {
  it("opens what it sealed, and the stored text does not contain it", async () => {
    const sealed = await seal("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "totp", [NEW]);
    expect(sealed).not.toContain("JBSWY3DP");
    expect(await open(sealed, "totp", [NEW])).toBe("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
  });

  it("keeps opening across an AUTH_SECRET rotation (new first, old still listed), and seals with the new one", async () => {
    const underOld = await seal("old secret's", "totp", [OLD]);
    expect(await open(underOld, "totp", [NEW, OLD])).toBe("old secret's");
    const underNew = await seal("new secret's", "totp", [NEW, OLD]);
    expect(await open(underNew, "totp", [NEW])).toBe("new secret's");
    // Once the old secret is dropped from the list, what it sealed is gone.
    expect(await open(underOld, "totp", [NEW])).toBeNull();
  });

  it("refuses another purpose's box, a tampered one, and garbage", async () => {
    const sealed = await seal("a value", "totp", [NEW]);
    expect(await open(sealed, "recovery", [NEW])).toBeNull();
    const [header, , iv, ciphertext, tag] = sealed.split(".");
    const flipped = `${ciphertext!.slice(0, -2)}${ciphertext!.endsWith("A") ? "B" : "A"}${ciphertext!.slice(-1)}`;
    expect(await open([header, "", iv, flipped, tag].join("."), "totp", [NEW])).toBeNull();
    expect(await open("not a box", "totp", [NEW])).toBeNull();
  });

  it("seals the same text differently every time (a fresh IV)", async () => {
    expect(await seal("same", "totp", [NEW])).not.toBe(await seal("same", "totp", [NEW]));
  });
});
