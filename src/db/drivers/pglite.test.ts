import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

import { openDatabase } from "@/db/index";

const dir = mkdtempSync(path.join(os.tmpdir(), "pglite-lock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the embedded database directory", () => {
  it("is created and migrated on first open, and keeps its data across opens", async () => {
    const first = await openDatabase({ pgliteDir: dir });
    await first.db.execute("insert into users (email, name, password_hash) values ('kept@example.test', 'Kept', 'x')");
    await first.close();

    const second = await openDatabase({ pgliteDir: dir });
    const { rows } = await second.db.execute<{ name: string }>(
      "select name from users where email = 'kept@example.test'",
    );
    expect(rows).toEqual([{ name: "Kept" }]);
    await second.close();
  }, 30_000); // two real starts of the embedded engine, one with every migration: seconds when the machine is busy

  it("refuses a second opener with a clear message instead of corrupting it", async () => {
    const holder = await openDatabase({ pgliteDir: dir });
    try {
      await expect(openDatabase({ pgliteDir: dir })).rejects.toThrow(/is in use by another process/);

      // And from another process, through the CLI a developer would run.
      const other = spawnSync("npm", ["run", "--silent", "db:migrate"], {
        env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: dir },
        encoding: "utf8",
      });
      expect(other.status).toBe(1);
      expect(other.stderr.trim().split("\n")).toEqual([
        `Migration failed for embedded database in ${dir}: PGLITE_DIR ${dir} is in use by another process, ` +
          "most likely npm run dev: stop the dev server first (the embedded database opens in one process at a time), " +
          "or set DATABASE_URL to a PostgreSQL server",
      ]);
    } finally {
      await holder.close();
    }
    // Released on close: the next opener gets in.
    await (await openDatabase({ pgliteDir: dir })).close();
  }, 30_000);
});
