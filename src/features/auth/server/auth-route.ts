// The Auth.js endpoints under /api/auth/*. Auth.js answers GET as it is; POST applies the body cap the middleware
// cannot (it does not run here) and gives a script posting credentials a status instead of a redirect.
import "server-only";

import type { NextRequest } from "next/server";

import { handlers } from "auth";
import { CREDENTIALS_CALLBACK_PATH } from "@/config/routes";
import { oversizedBodyRefusal } from "@/lib/edge/body-limit";
import { clientKey } from "@/lib/server/client-ip";
import { jsonError, serviceUnavailable } from "@/lib/server/json-error";
import { BUSY } from "@/lib/shared/form";

import { emailSchema } from "../shared/schemas";
import { hashPoolRefusal } from "./hash-pool";
import { throttleMessage, throttleWaitSeconds } from "./throttle";

export const { GET } = handlers;

/**
 * Auth.js answers a refused credentials sign-in with a redirect to the sign-in page (`?error=…&code=…`) and a
 * server error with one to its error page. A script posting to the API needs a status instead: 429 when the
 * attempt was throttled, 503 when the service was busy or the database unreachable — each with Retry-After.
 * The decision itself is `authorize`'s alone; this only translates its answer.
 */
export async function POST(request: NextRequest): Promise<Response> {
  // The middleware does not run for /api/auth/*: the body cap every other route gets at the Edge is applied here.
  const tooLarge = oversizedBodyRefusal(request);
  if (tooLarge) return tooLarge;
  if (request.nextUrl.pathname !== CREDENTIALS_CALLBACK_PATH) return handlers.POST(request);
  const body = request.clone(); // for the email, should the answer need the throttle's wait
  const response = await handlers.POST(request);
  const location = response.status === 302 ? response.headers.get("location") : null;
  if (!location) return response;
  const params = new URL(location, request.nextUrl).searchParams;

  if (params.get("code") === "throttled") {
    const email = emailSchema.safeParse((await body.formData().catch(() => null))?.get("email"));
    const wait = email.success
      ? await throttleWaitSeconds({ email: email.data, ip: clientKey(request.headers) }).catch(() => 0)
      : 0;
    const seconds = Math.max(wait, 1);
    return jsonError(429, "too_many_attempts", throttleMessage(seconds), { "Retry-After": String(seconds) });
  }
  if (params.get("code") === "busy") {
    return jsonError(503, "busy", BUSY, { "Retry-After": String(hashPoolRefusal()?.retryAfterSeconds ?? 1) });
  }
  if (params.get("error") === "Configuration") return serviceUnavailable(30);
  return response;
}
