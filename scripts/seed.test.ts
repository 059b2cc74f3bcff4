// `npm run db:seed` as a person runs it: the admin's password from SEED_ADMIN_PASSWORD must pass the same rules as
// any sign-up, or nothing is created and one line says why.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { openDatabase } from "@/db/index";

function seed(password: string) {
  return spawnSync("npm", ["run", "--silent", "db:seed"], {
    encoding: "utf8",
    env: {
      ...process.env,
      DATABASE_URL: "",
      PGLITE_DIR: "memory://",
      SEED_ADMIN_PASSWORD: password,
      BCRYPT_COST: "10",
    },
  });
}

function seedInBackground(password: string, pgliteDir: string) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "db:seed"], {
      env: {
        ...process.env,
        DATABASE_URL: "",
        PGLITE_DIR: pgliteDir,
        SEED_ADMIN_PASSWORD: password,
        BCRYPT_COST: "10",
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("npm run db:seed", () => {
  it.each([
    [
      "73 bytes (bcrypt would read only 72)",
      "a".repeat(73),
      /SEED_ADMIN_PASSWORD: That password is too long: at most 72 bytes/,
    ],
    [
      "the admin's own email",
      "admin@example.com",
      /SEED_ADMIN_PASSWORD: Your password cannot be your email address or your name\./,
    ],
  ])(
    "refuses a password that is %s",
    (_label, password, message) => {
      const run = seed(password);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).not.toContain("Created");
    },
    60_000,
  );

  it("creates the admin with a password that passes", () => {
    const run = seed("a long and uncommon admin passphrase");
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("Created admin@example.com.");
  }, 60_000);

  // The embedded database is single-process: while `npm run dev` holds it, seeding cannot open it. The developer
  // reads one line saying what to do, not a DatabaseInUseError stack.
  it("says in one line, without a stack, to stop the dev server first when the embedded database is held", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "seed-held-"));
    const devServer = await openDatabase({ pgliteDir: dir }); // holds the directory's lock, as npm run dev does
    try {
      // Not spawnSync: the holder refreshes its lock on a timer, which a blocked event loop would let go stale.
      const run = await seedInBackground("a long and uncommon admin passphrase", dir);
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split("\n")).toEqual([
        expect.stringMatching(
          /^Seeding failed: PGLITE_DIR .* is in use by another process, most likely npm run dev: stop the dev server first/,
        ),
      ]);
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(run.stdout).not.toContain("Created");
    } finally {
      await devServer.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
