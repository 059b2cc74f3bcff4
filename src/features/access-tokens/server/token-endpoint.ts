// POST /api/token: an access token for the signed-in person, for another service to verify against the JWKS.
//
// Same-origin only: the page's own scripts ask for it (a cross-site page cannot read the answer anyway, but a
// cross-site POST must not even mint). Throttled per device session. And, unlike a page view, it asks the
// database: a token lives on for minutes where no one can take it back, so it is minted only for a session that
// is live now, with the role the person has now — not the one the session cookie remembers.
import "server-only";

import type { LiveSession } from "@/features/auth/server/session";
import { chargeAccessToken } from "@/features/auth/server/throttle";
import { appOrigin } from "@/features/mail/server/app-url";
import { describeError } from "@/lib/edge/describe-error";
import { jsonError, serviceUnavailable } from "@/lib/server/json-error";
import { logger } from "@/lib/server/logger";

import { mintAccessToken } from "./access-token";

/** RFC 6749 §5.1: a token response is never cached, by the browser or anything between. */
const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

function refusal(status: number, error: string, message: string, headers: Record<string, string> = {}): Response {
  return jsonError(status, error, message, { ...NO_STORE, ...headers });
}

/**
 * Whether the request came from this app's own pages: its `Origin` is the app's (AUTH_URL's), or — browsers that
 * send no Origin on a same-origin POST — Fetch Metadata says same-origin. This is CSRF protection: another site's
 * page cannot mint a token with the visitor's cookie, since the browser writes these headers. It does not stop a
 * script that holds a copied cookie (it can send the right Origin too); the live device-session check does what can
 * be done about that — a session signed out or revoked mints nothing.
 */
function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin !== null) return origin === appOrigin();
  return headers.get("sec-fetch-site") === "same-origin";
}

/**
 * The handler, for a device session live at this moment (the route wraps it in withLiveApiUser: one statement,
 * however old the session cookie's last check, and the role as it is now).
 */
export async function postAccessToken({ user, sessionId }: LiveSession, request: Request): Promise<Response> {
  if (!isSameOrigin(request.headers)) {
    return refusal(403, "cross_origin", "Access tokens are issued to this app's own pages only.");
  }
  try {
    const wait = await chargeAccessToken(sessionId);
    if (wait > 0) {
      return refusal(429, "too_many_requests", `Too many tokens asked for. Try again in ${wait} seconds.`, {
        "Retry-After": String(wait),
      });
    }
    const { accessToken, expiresIn } = await mintAccessToken({ userId: user.id, role: user.role, sessionId });
    return Response.json(
      { access_token: accessToken, token_type: "Bearer", expires_in: expiresIn },
      { headers: NO_STORE },
    );
  } catch (error) {
    logger.error({ error: describeError(error) }, "access token not minted");
    return serviceUnavailable(30, NO_STORE);
  }
}
