// The Edge guard's decision (./edge-guard.ts) as the middleware's response. Edge-safe.
import { NextResponse } from "next/server";
import type { GuardDecision } from "./edge-guard";

export function guardResponse(decision: GuardDecision): NextResponse {
  switch (decision.kind) {
    case "allow":
      return NextResponse.next();
    case "redirect":
      return NextResponse.redirect(decision.location);
    case "unauthorized":
      return NextResponse.json({ error: "unauthorized", message: "Sign in to use this endpoint." }, { status: 401 });
    case "forbidden":
      // The 403 page at the address that was asked for, with a real 403 status, not the sign-in page.
      return NextResponse.rewrite(decision.page, { status: 403 });
  }
}
