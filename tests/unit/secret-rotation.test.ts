import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";

// AUTH_SECRET="new,old" becomes secret: [new, old] (src/lib/server/env-schema.ts): Auth.js encrypts with the first and
// tries each to decrypt. This is the mechanism a rotation relies on.
const salt = "authjs.session-token";
const [oldSecret, newSecret, unrelated] = ["o".repeat(44), "n".repeat(44), "x".repeat(44)];
const token = { sub: "u1", name: "Ada", role: "user", sessionVersion: 1, checkedAt: 1 };

describe("secret rotation", () => {
  it("keeps a session made under the old secret valid after the new one is put first", async () => {
    const madeBefore = await encode({ token, secret: oldSecret, salt });
    expect(await decode({ token: madeBefore, secret: [newSecret, oldSecret], salt })).toMatchObject(token);
  });

  it("encrypts new sessions with the first secret only", async () => {
    const madeAfter = await encode({ token, secret: [newSecret, oldSecret], salt });
    expect(await decode({ token: madeAfter, secret: newSecret, salt })).toMatchObject(token);
    await expect(decode({ token: madeAfter, secret: oldSecret, salt })).rejects.toThrow();
  });

  it("refuses a session made under a secret that is not in the list", async () => {
    const foreign = await encode({ token, secret: unrelated, salt });
    await expect(decode({ token: foreign, secret: [newSecret, oldSecret], salt })).rejects.toThrow();
  });
});
