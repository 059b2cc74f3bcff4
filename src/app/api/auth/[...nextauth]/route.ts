import type { NextRequest } from "next/server";
import { handlers } from "../../../../../auth";
import { clientIp, throttleMessage, throttleState } from "@/features/auth/throttle";
import { emailSchema } from "@/features/auth/schemas";
import { SERVICE_UNAVAILABLE } from "@/lib/form";

export const { GET } = handlers;

/**
 * Auth.js answers a refused credentials sign-in with a redirect. A throttled one, posted straight to the API
 * (scripts, not our form), gets HTTP 429 instead, so clients can tell "slow down" from "wrong password".
 */
export async function POST(request: NextRequest): Promise<Response> {
  if (request.nextUrl.pathname.endsWith("/callback/credentials")) {
    const form = await request.clone().formData().catch(() => null);
    const email = emailSchema.safeParse(form?.get("email"));
    if (email.success) {
      const state = await throttleState({ email: email.data, ip: clientIp(request.headers) }).catch(() => null);
      if (!state) {
        return Response.json({ error: "service_unavailable", message: SERVICE_UNAVAILABLE }, { status: 503, headers: { "Retry-After": "30" } });
      }
      const { waitSeconds } = state;
      if (waitSeconds > 0) {
        return Response.json(
          { error: "too_many_attempts", message: throttleMessage(waitSeconds) },
          { status: 429, headers: { "Retry-After": String(waitSeconds) } },
        );
      }
    }
  }
  return handlers.POST(request);
}
