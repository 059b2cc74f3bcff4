import { describe, expect, it } from "vitest";

import { databaseTarget, redactUrl } from "./url";

describe("databaseTarget", () => {
  it("uses the embedded database when DATABASE_URL is unset", () => {
    expect(databaseTarget(undefined, "./.data/pglite")).toEqual({ kind: "pglite", dir: "./.data/pglite" });
  });

  it("recognises Neon hosts, pooled or not", () => {
    for (const host of ["ep-cool-dew-123.us-east-2.aws.neon.tech", "ep-x-pooler.eu-central-1.aws.neon.tech"]) {
      expect(databaseTarget(`postgres://u:p@${host}/db?sslmode=require`, "x").kind).toBe("neon");
    }
  });

  it("treats every other host as a PostgreSQL server, with its port", () => {
    expect(databaseTarget("postgres://postgres@127.0.0.1:5433/test", "x")).toMatchObject({
      kind: "postgres",
      host: "127.0.0.1",
      port: 5433,
    });
    expect(databaseTarget("postgresql://db.internal/app", "x")).toMatchObject({
      kind: "postgres",
      host: "db.internal",
      port: 5432,
    });
    expect(databaseTarget("postgres://[::1]:5432/app", "x")).toMatchObject({ host: "::1" });
    // A look-alike is not Neon.
    expect(databaseTarget("postgres://neon.tech.evil.example/app", "x").kind).toBe("postgres");
  });

  it("masks the password for logs", () => {
    expect(redactUrl("postgres://user:s3cret@host/db")).toBe("postgres://user:***@host/db");
  });
});
