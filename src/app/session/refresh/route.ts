import type { NextRequest } from "next/server";

import { auth } from "auth";
import { safeCallbackUrl } from "@/features/auth/edge/callback-url";

/**
 * The Edge guard sends a page load here when its session's last database check is older than the bound. Reading
 * the session on the Node runtime re-checks it (src/features/auth/server/revalidate.ts) and writes the refreshed cookie —
 * or clears it, when the session was revoked — and the browser goes back where it was going.
 */
export async function GET(request: NextRequest): Promise<Response> {
  // A relative Location: the browser resolves it against the address it used (an absolute URL built here could
  // name another host for the same server, e.g. localhost for 127.0.0.1, whose cookies the browser keeps apart).
  const target = safeCallbackUrl(request.nextUrl.searchParams.get("callbackUrl"));
  const response = new Response(null, { status: 303, headers: { Location: target, "Cache-Control": "no-store" } });
  // The "API route" form of auth(): it copies the session's Set-Cookie headers onto `response`.
  await auth({ req: request, res: response } as unknown as Parameters<typeof auth>[0] & object);
  return response;
}
