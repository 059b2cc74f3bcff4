// `npm run db:migrate` as a person runs it, against a Neon host that does not exist (a typo in DATABASE_URL): the
// one line it prints must name the cause (the DNS failure inside the driver's WebSocket error), not only the query
// that could not run.
import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";

const TYPO_HOST = "ep-mistyped-host-000000.us-east-2.aws.neon.tech";

it("names an unreachable Neon host in its one line", () => {
  const run = spawnSync("npm", ["run", "--silent", "db:migrate"], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: `postgresql://someone:secret@${TYPO_HOST}/neondb?sslmode=require` },
    timeout: 60_000,
  });
  expect(run.status).toBe(1);
  const lines = run.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^Migration failed for postgresql:\/\/someone:\*\*\*@/); // the password is not printed
  expect(lines[0]).not.toContain("secret");
  // Without network the driver's resolver fails; with network, Neon's proxy refuses the unknown endpoint. Either
  // way the line goes past the wrapper ("Failed query: CREATE SCHEMA …") to what actually went wrong.
  expect(lines[0]).toMatch(
    new RegExp(`Failed query: CREATE SCHEMA IF NOT EXISTS "drizzle": .*(ENOTFOUND|EAI_AGAIN|endpoint).*`, "i"),
  );
}, 90_000);
