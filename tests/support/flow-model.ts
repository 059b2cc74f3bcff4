// The auth trace (src/lib/edge/auth-trace.ts) turned into a deterministic model of each kind of request: which steps
// ran, where, in what order, how often, and how many database statements each sent. No ids, times or random
// values survive into it, so the same app always gives the same model (and the same docs/flow.md).
import { TRACE_PREFIX } from "@/lib/edge/auth-trace";

export type Runtime = "Edge" | "Node";

export interface TraceEvent {
  id: string | null;
  runtime: "edge" | "node";
  seq: number;
  step: string;
  statements?: number;
  [detail: string]: unknown;
}

export interface FlowStep {
  runtime: Runtime;
  step: string;
  /** What the step did, e.g. `trigger: signIn` (empty when it says nothing). */
  detail: string;
  /** How many times in a row it ran. */
  count: number;
  /** Statements it sent, all `count` runs together; null for a step that does not count them. */
  statements: number | null;
}

export interface FlowHop {
  /** The request as sent, e.g. `GET /dashboard (page load)`. */
  request: string;
  /** The answer, e.g. `307 → /login?callbackUrl=%2Fdashboard; sets the session cookie`. */
  answer: string;
  /** Whether the Edge middleware ran at all (it does not for paths outside its matcher). */
  middleware: boolean;
  steps: FlowStep[];
  /** Every statement the server sent while answering. */
  statements: number;
}

export interface FlowKind {
  title: string;
  /** One or two sentences on what was sent and why it matters. */
  about: string;
  hops: FlowHop[];
}

/** The trace events in a stretch of server output. */
export function traceEvents(output: string): TraceEvent[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith(TRACE_PREFIX))
    .map((line) => JSON.parse(line.slice(TRACE_PREFIX.length)) as TraceEvent);
}

const RESERVED = new Set(["id", "runtime", "seq", "step", "statements"]);

function detailOf(event: TraceEvent): string {
  return Object.entries(event)
    .filter(([key]) => !RESERVED.has(key))
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(", ");
}

/**
 * One request's events as steps: the middleware's first (it runs before the route), each runtime's in the order
 * they were called, and a run of identical steps as one step with a count.
 */
export function stepsOf(events: readonly TraceEvent[]): FlowStep[] {
  const ordered = [...events].sort((a, b) => (a.runtime === b.runtime ? a.seq - b.seq : a.runtime === "edge" ? -1 : 1));
  const steps: FlowStep[] = [];
  for (const event of ordered) {
    const step: FlowStep = {
      runtime: event.runtime === "edge" ? "Edge" : "Node",
      step: event.step,
      detail: detailOf(event),
      count: 1,
      statements: typeof event.statements === "number" ? event.statements : null,
    };
    const last = steps.at(-1);
    if (last && last.runtime === step.runtime && last.step === step.step && last.detail === step.detail) {
      last.count += 1;
      last.statements = last.statements === null || step.statements === null ? null : last.statements + step.statements;
    } else {
      steps.push(step);
    }
  }
  return steps;
}

/** The statements a hop sent outside its traced steps: the page, action or handler's own work. */
export function untracedStatements(hop: Pick<FlowHop, "steps" | "statements">): number {
  const traced = hop.steps.reduce((sum, step) => sum + (step.statements ?? 0), 0);
  if (traced > hop.statements)
    throw new Error(`traced steps sent ${traced} statements, the request only ${hop.statements}`);
  return hop.statements - traced;
}

/** Every step of a kind of request, across its hops. */
const allSteps = (kind: FlowKind): FlowStep[] => kind.hops.flatMap((hop) => hop.steps);

/** How many times `step` ran (on `runtime`, if given) in a kind of request. */
export function timesRun(kind: FlowKind, step: string, runtime?: Runtime): number {
  return allSteps(kind)
    .filter((s) => s.step === step && (!runtime || s.runtime === runtime))
    .reduce((sum, s) => sum + s.count, 0);
}

/** Statements a kind of request sent in all, across its hops. */
export const totalStatements = (kind: FlowKind): number => kind.hops.reduce((sum, hop) => sum + hop.statements, 0);
