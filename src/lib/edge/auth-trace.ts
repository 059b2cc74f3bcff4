// A record of what the auth flow really runs, for tests/e2e/auth-flow.test.ts, which renders docs/flow.md from it.
// Off (each call returns at once) unless the server runs with AUTH_TRACE=true; then every event is one stdout line,
//   [auth-trace] {"id":"<x-trace-id of the request>","runtime":"edge"|"node","seq":7,"step":"jwt",...}
// Edge-safe: the middleware calls it too. Auth.js's callbacks are not given the request, so on the Node runtime
// the id is read from next/headers, which resolves a moment later: `seq`, taken at the call, keeps the order.
export const TRACE_HEADER = "x-trace-id";
export const TRACE_PREFIX = "[auth-trace] ";

/** What a step did, in words and small numbers only: the trace is rendered into a committed document. */
export type TraceDetail = Record<string, string | number | boolean>;

// Read on every call, not once: the Edge sandbox and the Node server each get the server's environment at run time.
const enabled = (): boolean => process.env.AUTH_TRACE === "true";

// Per runtime, one counter for the whole process (Node may load this module once per route bundle).
const counter = globalThis as typeof globalThis & { __authTraceSeq?: number; __authDb?: { queries: number } };

/**
 * Records that `step` ran. `detail` may be a function, so a hot path builds it only when tracing is on. `from`:
 * the request's headers, where the caller has them (the middleware does).
 */
export function authTrace(step: string, detail: TraceDetail | (() => TraceDetail) = {}, from?: Headers): void {
  if (!enabled()) return;
  const details = typeof detail === "function" ? detail() : detail;
  const seq = (counter.__authTraceSeq = (counter.__authTraceSeq ?? 0) + 1);
  const runtime = process.env.NEXT_RUNTIME === "edge" ? "edge" : "node";
  const write = (id: string | null) =>
    console.log(`${TRACE_PREFIX}${JSON.stringify({ id, runtime, seq, step, ...details })}`);
  if (from) write(from.get(TRACE_HEADER));
  else void requestTraceId().then(write);
}

/**
 * Runs `run` as a traced step and records, with it, how many database statements it sent: the difference in
 * the database seam's own count (src/db/index.ts keeps it on globalThis), exact when requests come one at a
 * time, as in the test that reads the trace. `describe` turns the result into the step's detail.
 */
export async function traceStep<T>(
  step: string,
  run: () => Promise<T>,
  describe?: (result: T) => TraceDetail,
): Promise<T> {
  if (!enabled()) return run();
  const before = counter.__authDb?.queries ?? 0;
  try {
    const result = await run();
    authTrace(step, { ...describe?.(result), statements: (counter.__authDb?.queries ?? 0) - before });
    return result;
  } catch (error) {
    authTrace(step, { outcome: "threw", statements: (counter.__authDb?.queries ?? 0) - before });
    throw error;
  }
}

/** A callback that records each call as `step` and otherwise is `callback` itself. */
export function tracedCallback<A extends unknown[], R>(step: string, callback: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    authTrace(step);
    return callback(...args);
  };
}

/** The id of the request being served on the Node runtime; null elsewhere (the Edge, a timer, a script). */
async function requestTraceId(): Promise<string | null> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return null;
  try {
    const { headers } = await import("next/headers");
    return (await headers()).get(TRACE_HEADER);
  } catch {
    return null; // outside a request scope
  }
}
