// Edge-safe and dependency-free: used by the database layer, the actions and the Edge auth config alike.
//
// Drivers wrap their failures: Drizzle's "Failed query: …\nparams: …" carries the driver's error as `cause`, and
// the Neon driver's WebSocket failure is an `ErrorEvent` (not an Error) whose `message` and `error` say what went
// wrong. A log line that stops at the wrapper tells the reader nothing, so this follows causes of any shape.

const MAX_DEPTH = 5;

/** One line for a log: the outermost message, then each cause's, until one explains the others. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < MAX_DEPTH; depth++) {
    const headline = headlineOf(current);
    // An ErrorEvent and the Error inside it usually say the same thing: say it once.
    if (headline && !parts.includes(headline)) parts.push(headline);
    current = causeOf(current);
  }
  return parts.join(": ") || String(error);
}

/** The first line of a message, whatever carries it: an Error, an ErrorEvent, a plain object, a string. */
function headlineOf(value: unknown): string {
  if (typeof value === "object" && value !== null) {
    const { message } = value as { message?: unknown };
    if (typeof message === "string" && message.trim()) return message.split("\n")[0]!.trim();
    return value instanceof Error ? value.name : "";
  }
  return String(value);
}

/** What a wrapper wraps: an Error's `cause`, an ErrorEvent's `error`, an AggregateError's first error. */
function causeOf(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return undefined;
  const { cause, error, errors } = value as { cause?: unknown; error?: unknown; errors?: unknown };
  if (cause !== undefined) return cause;
  if (error !== undefined && error !== value) return error;
  if (Array.isArray(errors)) return errors[0];
  return undefined;
}
