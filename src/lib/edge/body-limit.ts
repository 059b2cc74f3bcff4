// The largest request body this app takes. Every form and endpoint it has is small — the biggest, the profile
// form, carries a 2 kB image URL plus the state Next.js sends along with an action — so a 9 MB "password" is
// refused at the door, by the Edge middleware (edge-safe: no Node APIs), before Auth.js, Next's action decoder or
// a zod schema spends a moment on it. next.config.ts gives Next's own limit for server actions the same value.
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The refusal for a request whose body may be larger than MAX_BODY_BYTES: 413 when its Content-Length says so,
 * 411 when it sends a body without one (a browser always says how long its form post is). Undefined otherwise.
 */
export function oversizedBodyRefusal(request: Request): Response | undefined {
  const declared = request.headers.get("content-length");
  if (declared === null) {
    if (request.body === null) return undefined;
    return Response.json(
      { error: "length_required", message: "Send the request with a Content-Length header." },
      { status: 411 },
    );
  }
  if (/^\d{1,15}$/.test(declared.trim()) && Number(declared) <= MAX_BODY_BYTES) return undefined;
  return Response.json(
    { error: "payload_too_large", message: `The request body is too large: at most ${MAX_BODY_BYTES / 1024} KB.` },
    { status: 413 },
  );
}
