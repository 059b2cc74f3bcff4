import { describe, expect, it } from "vitest";

import { GET } from "./route";

describe(`GET /api/health on ${process.env.TEST_DB_ENGINE}`, () => {
  it("answers 200 when the database answers", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "ok" });
  });
});
