// A database that cannot be reached — a real connection to a port nothing listens on, not a stand-in for the
// driver — must give every action the one calm answer, never a 500 or a stack trace, and lose nothing typed.
import { randomUUID } from "node:crypto";
import net from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { IDLE, SERVICE_UNAVAILABLE } from "@/lib/shared/form";
import { form } from "@tests/support/form";

vi.mock("next/headers", async (original) => ({
  ...(await original()),
  ...(await import("@tests/support/action-request")).nextHeaders,
}));

/** A loopback port that refuses connections: it was free a moment ago and nothing listens on it now. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The action helpers and the queries, loaded afresh against a database nothing answers for. */
async function withUnreachableDatabase() {
  vi.resetModules();
  vi.stubEnv("DATABASE_URL", `postgres://postgres@127.0.0.1:${await closedPort()}/app`);
  const { action, authedAction } = await import("./action");
  const { getUserByEmail } = await import("@/db/queries");
  const { closeDb } = await import("@/db");
  // Fresh too: the next/headers stand-in the fresh modules see is this one.
  const { actAs } = await import("@tests/support/action-request");
  return { action, authedAction, getUserByEmail, closeDb, actAs };
}

const schema = z.object({ email: z.string(), password: z.string() });

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("the action helpers when the database is unreachable", () => {
  it("authedAction: the session check cannot reach it — unavailable, run never called, no password echoed", async () => {
    const { authedAction, closeDb, actAs } = await withUnreachableDatabase();
    await actAs(
      { id: randomUUID(), name: "Ada", email: "ada@example.com", image: null, role: "user", sessionVersion: 1 },
      { sid: "a-device-session" }, // nothing can open one: the database does not answer
    );
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const run = vi.fn(async () => ({ status: "success" as const }));
    const state = await authedAction(schema, run)(
      IDLE,
      form({ email: "ada@example.com", password: "correct horse battery" }),
    );
    expect(state).toEqual({ status: "error", formError: SERVICE_UNAVAILABLE, values: { email: "ada@example.com" } });
    expect(run).not.toHaveBeenCalled();
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^\[action\(email, password\)\] failed: /));
    await closeDb();
  });

  it("action: a query in run cannot reach it — unavailable, with what was typed", async () => {
    const { action, getUserByEmail, closeDb } = await withUnreachableDatabase();
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const state = await action(schema, async ({ email }) => {
      await getUserByEmail(email);
      return { status: "success" };
    })(IDLE, form({ email: "ada@example.com", password: "correct horse battery" }));
    expect(state).toEqual({ status: "error", formError: SERVICE_UNAVAILABLE, values: { email: "ada@example.com" } });
    await closeDb();
  });
});
