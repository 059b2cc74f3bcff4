// Dependency-free and side-effect-free: next.config.ts, the zod schema and the Edge parse (./edge-env.ts) share it.
export class EnvError extends Error {
  override name = "EnvError";
}

export const SECRET_HINT = "run npx auth secret";

/** The lowest AUTH_REVALIDATE_SECONDS accepted: a bound of 0 would send every page load round /session/refresh. */
export const MIN_REVALIDATE_SECONDS = 10;
