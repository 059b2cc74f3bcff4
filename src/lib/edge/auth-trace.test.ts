import { afterEach, describe, expect, it, vi } from "vitest";

import { authTrace, TRACE_PREFIX, tracedCallback, traceStep } from "./auth-trace";

const db = globalThis as typeof globalThis & { __authDb?: { queries: number } };

function captured(): Array<Record<string, unknown>> {
  const log = vi.mocked(console.log);
  return log.mock.calls.map(([line]) => JSON.parse(String(line).slice(TRACE_PREFIX.length)) as Record<string, unknown>);
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("auth trace", () => {
  it("writes nothing unless AUTH_TRACE=true, and then still runs what it wraps", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    vi.stubEnv("AUTH_TRACE", "");
    authTrace("jwt");
    expect(await traceStep("revalidate", async () => 42)).toBe(42);
    expect(tracedCallback("redirect", (url: string) => url)("/dashboard")).toBe("/dashboard");
    expect(console.log).not.toHaveBeenCalled();
  });

  it("writes one line per event, with the request's id, its runtime and a rising sequence number", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    vi.stubEnv("AUTH_TRACE", "true");
    const headers = new Headers({ "x-trace-id": "request-1" });
    authTrace("token read", { token: "fresh" }, headers);
    authTrace("guard decision", { decision: "allow" }, headers);
    const [first, second] = captured();
    expect(first).toMatchObject({ id: "request-1", runtime: "node", step: "token read", token: "fresh" });
    expect(second).toMatchObject({ id: "request-1", step: "guard decision", decision: "allow" });
    expect(Number(second!.seq)).toBe(Number(first!.seq) + 1);
  });

  it("counts the statements a step sent, and records a step that threw before passing the error on", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    vi.stubEnv("AUTH_TRACE", "true");
    db.__authDb ??= { queries: 0 };
    const result = await traceStep(
      "revalidate",
      async () => {
        db.__authDb!.queries += 2;
        return "row";
      },
      (row) => ({ user: row }),
    );
    expect(result).toBe("row");
    await expect(traceStep("authorize", () => Promise.reject(new Error("throttled")))).rejects.toThrow("throttled");
    await vi.waitFor(() => expect(console.log).toHaveBeenCalledTimes(2)); // outside a request the id resolves later
    expect(captured()).toEqual([
      expect.objectContaining({ id: null, step: "revalidate", user: "row", statements: 2 }),
      expect.objectContaining({ id: null, step: "authorize", outcome: "threw", statements: 0 }),
    ]);
  });
});
