import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { bcryptCompare, bcryptHash, hashThreadsAlive } from "./hash-pool";

describe("the bcrypt thread pool", () => {
  it("hashes and compares on worker threads, with real bcrypt hashes", async () => {
    const hash = await bcryptHash("correct horse battery staple", 10);
    expect(hash).toMatch(/^\$2b\$10\$/);
    expect(hashThreadsAlive()).toBeGreaterThan(0);
    // Interchangeable with bcryptjs on the main thread, both ways.
    expect(await bcrypt.compare("correct horse battery staple", hash)).toBe(true);
    expect(await bcryptCompare("correct horse battery staple", await bcrypt.hash("correct horse battery staple", 10))).toBe(true);
    expect(await bcryptCompare("wrong horse battery staple", hash)).toBe(false);
  });

  it("answers every one of many concurrent jobs, each with its own result", async () => {
    const passwords = Array.from({ length: 6 }, (_, index) => `password number ${index}`);
    const hashes = await Promise.all(passwords.map((password) => bcryptHash(password, 10)));
    expect(new Set(hashes).size).toBe(passwords.length);
    const checks = await Promise.all(passwords.flatMap((password, index) => [bcryptCompare(password, hashes[index]!), bcryptCompare(password, hashes[(index + 1) % hashes.length]!)]));
    expect(checks).toEqual(passwords.flatMap(() => [true, false]));
  });

  it("rejects a bad job without losing the pool", async () => {
    // Not reachable through the typed API: what a caller that skipped validation would send.
    await expect(bcryptCompare(undefined as unknown as string, "$2b$10$abc")).rejects.toThrow(/^bcrypt: Illegal arguments/);
    expect(await bcryptCompare("still", await bcryptHash("still", 10))).toBe(true);
  });
});
