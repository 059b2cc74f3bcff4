// The JSON errors the APIs answer with: `{"error": <code>, "message": <human text>}`, a 4xx or 5xx status, never a
// stack trace (the spec's "JSON errors"). The Edge guard's 401/403 bodies are src/features/auth/edge/api-refusals.ts.
import "server-only";

import { SERVICE_UNAVAILABLE } from "../shared/form";

export function jsonError(status: number, error: string, message: string, headers?: Record<string, string>): Response {
  return Response.json({ error, message }, { status, headers });
}

/** 503: something the answer depends on (the database) did not answer. Retry-After says when to try again. */
export function serviceUnavailable(retryAfterSeconds = 30, headers: Record<string, string> = {}): Response {
  return jsonError(503, "service_unavailable", SERVICE_UNAVAILABLE, {
    ...headers,
    "Retry-After": String(retryAfterSeconds),
  });
}
