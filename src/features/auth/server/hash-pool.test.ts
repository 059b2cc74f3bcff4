import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";

import {
  bcryptCompare,
  bcryptHash,
  HashPoolBusyError,
  hashPoolRefusal,
  hashPoolStats,
  MAX_QUEUE_WAIT_MS,
} from "./hash-pool";

describe("the bcrypt thread pool", () => {
  it("hashes and compares on worker threads, with real bcrypt hashes", async () => {
    const hash = await bcryptHash("correct horse battery staple", 10);
    expect(hash).toMatch(/^\$2b\$10\$/);
    expect(hashPoolStats().threads).toBeGreaterThan(0);
    // Interchangeable with bcryptjs on the main thread, both ways.
    expect(await bcrypt.compare("correct horse battery staple", hash)).toBe(true);
    expect(
      await bcryptCompare("correct horse battery staple", await bcrypt.hash("correct horse battery staple", 10)),
    ).toBe(true);
    expect(await bcryptCompare("wrong horse battery staple", hash)).toBe(false);
  });

  it("answers every one of many concurrent jobs, each with its own result", async () => {
    // Four, so the eight compares after them stay inside the queue's bound (MAX_QUEUE_WAIT_MS) even when a loaded
    // machine makes each job slow: more would be refused as busy, which is the next test's subject, not this one's.
    const passwords = Array.from({ length: 4 }, (_, index) => `password number ${index}`);
    const hashes = await Promise.all(passwords.map((password) => bcryptHash(password, 10)));
    expect(new Set(hashes).size).toBe(passwords.length);
    const checks = await Promise.all(
      passwords.flatMap((password, index) => [
        bcryptCompare(password, hashes[index]!),
        bcryptCompare(password, hashes[(index + 1) % hashes.length]!),
      ]),
    );
    expect(checks).toEqual(passwords.flatMap(() => [true, false]));
  });

  it("rejects a bad job without losing the pool", async () => {
    // Not reachable through the typed API: what a caller that skipped validation would send.
    await expect(bcryptCompare(undefined as unknown as string, "$2b$10$abc")).rejects.toThrow(
      /^bcrypt: Illegal arguments/,
    );
    expect(await bcryptCompare("still", await bcryptHash("still", 10))).toBe(true);
  });

  it("bounds its queue by the wait it promises: past it, a job is refused at once, never queued", async () => {
    await bcryptHash("timing", 10);
    const { averageJobMs, size } = hashPoolStats();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, (_, index) => bcryptHash(`job ${index}`, 10)),
    );
    const refused = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as unknown] : []));
    expect(refused.length).toBeGreaterThan(0);
    for (const reason of refused) {
      expect(reason).toBeInstanceOf(HashPoolBusyError);
      expect((reason as HashPoolBusyError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
    // The k-th job admitted waits about ⌊k / size⌋ jobs' time: only as many as fit in MAX_QUEUE_WAIT_MS got in.
    const admitted = outcomes.length - refused.length;
    expect(admitted).toBeLessThanOrEqual((Math.floor(MAX_QUEUE_WAIT_MS / averageJobMs!) + 1) * size);
    expect(hashPoolRefusal()).toBeUndefined(); // and it takes work again once drained
  });

  it("lets a signed-in person's job go ahead of a full anonymous queue", async () => {
    await bcryptHash("timing", 10);
    const finished: string[] = [];
    const anonymous: Array<Promise<unknown>> = [];
    while (!hashPoolRefusal("anonymous"))
      anonymous.push(bcryptHash("anonymous", 10).then(() => finished.push("anonymous")));
    expect(hashPoolRefusal("signed-in")).toBeUndefined();
    const signedIn = bcryptHash("signed in", 10, "signed-in").then(() => finished.push("signed-in"));
    await Promise.all([...anonymous, signedIn]);
    // It starts on the first thread that frees up. Before it finish at most the jobs already on a thread and one
    // more per other thread (a job another thread started while this one ran, which a busy machine may let finish
    // first) — never the queue behind it, which is longer than that.
    const { threads } = hashPoolStats();
    expect(anonymous.length).toBeGreaterThan(2 * threads);
    expect(finished.indexOf("signed-in")).toBeLessThanOrEqual(2 * threads - 1);
  });
});
