import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "@/db";

import { GET } from "./route";

describe(`GET /api/health on ${process.env.TEST_DB_ENGINE}`, () => {
  // Opened (and migrated) first, as a running server's database is: opening a new embedded one, pg_trgm loaded,
  // can take longer than the check's 2-second budget on a busy machine.
  beforeAll(async () => {
    await getDb();
  }, 60_000);

  it("answers 200 when the database answers", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "ok" });
  });
});
