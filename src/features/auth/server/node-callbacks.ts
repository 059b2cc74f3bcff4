// The jwt callback as the Node server runs it: the edge-safe one from auth.config.ts, plus the database check
// of ./revalidate.ts — on update(), and when the token's last check is older than the bound. The Edge
// middleware never runs this (it uses auth.config.ts alone), and a plain request with a fresh token never queries.
import "server-only";

import type { NextAuthConfig } from "next-auth";

import { authConfig } from "auth.config";
import { isStale, nowInSeconds } from "@/features/auth/edge/staleness";
import { sessionEndsAt } from "@/features/devices/server/device-session";
import { traceStep } from "@/lib/edge/auth-trace";

import { revalidateToken } from "./revalidate";

type JwtCallback = NonNullable<NonNullable<NextAuthConfig["callbacks"]>["jwt"]>;

export const nodeJwt: JwtCallback = async (params) => {
  const token = await authConfig.callbacks.jwt(params);
  if (params.user) return token; // just signed in: authorize read the row a moment ago
  // Past its absolute lifetime, however active: ended here, without a query (the cookie's own expiry says so too).
  if (typeof token.signedInAt === "number" && nowInSeconds() >= sessionEndsAt(token.signedInAt)) return null;
  // `params.session` (the client's update() payload) is deliberately never read.
  if (params.trigger === "update" || isStale(token.checkedAt)) {
    const reason = params.trigger === "update" ? "update" : "stale";
    return traceStep(
      "revalidate",
      () => revalidateToken(token),
      (fresh) => ({ reason, session: fresh ? "kept" : "ended" }),
    );
  }
  return token;
};
