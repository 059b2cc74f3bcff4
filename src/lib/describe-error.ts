// Edge-safe and dependency-free: used by the database layer, the actions and the Edge auth config alike.
/** One line for a log: Drizzle wraps driver errors as "Failed query: …\nparams: …"; the cause says what went wrong. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const headline = error.message.split("\n")[0] ?? error.name;
  return error.cause instanceof Error ? `${headline}: ${describeError(error.cause)}` : headline;
}
