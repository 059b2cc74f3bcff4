// The JSON bodies an API route refuses with, the same from the Edge guard and from the handler's own check.
// Edge-safe (plain data).
export const API_REFUSALS = {
  401: { error: "unauthorized", message: "Sign in to use this endpoint." },
  403: { error: "forbidden", message: "You don't have access to this endpoint." },
} as const;
