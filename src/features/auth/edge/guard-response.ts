// The Edge guard's decision (./edge-guard.ts) as the middleware's response, with the request's CSP on it.
// Edge-safe.
import { NextResponse } from "next/server";

import { CSP_HEADER } from "@/lib/edge/content-security-policy";

import { API_REFUSALS } from "./api-refusals";
import type { GuardDecision } from "./edge-guard";

/**
 * Next.js reads the nonce from the REQUEST's Content-Security-Policy header and puts it on the scripts it renders,
 * so every response that renders a page — the page itself, or the 403 page rewritten in its place — passes
 * `policy` on as a request header (replacing any the client sent); the browser enforces the RESPONSE's header.
 */
export function guardResponse(decision: GuardDecision, request: { headers: Headers }, policy: string): NextResponse {
  const headers = new Headers(request.headers);
  headers.set(CSP_HEADER, policy);
  const response = toResponse(decision, headers);
  response.headers.set(CSP_HEADER, policy);
  return response;
}

function toResponse(decision: GuardDecision, requestHeaders: Headers): NextResponse {
  switch (decision.kind) {
    case "allow":
      return NextResponse.next({ request: { headers: requestHeaders } });
    case "redirect":
      return NextResponse.redirect(decision.location);
    case "unauthorized":
      return NextResponse.json(API_REFUSALS[401], { status: 401 });
    case "api-forbidden":
      return NextResponse.json(API_REFUSALS[403], { status: 403 });
    case "forbidden":
      // The 403 page at the address that was asked for, with a real 403 status, not the sign-in page.
      return NextResponse.rewrite(decision.page, { status: 403, request: { headers: requestHeaders } });
  }
}
