// The jwt callback as the Node server runs it: the edge-safe one from auth.config.ts, plus what needs the
// database. The Edge middleware never runs this (it uses auth.config.ts alone), and a plain request never takes
// a branch that queries.
import "server-only";
import type { NextAuthConfig } from "next-auth";
import { authConfig } from "../../../auth.config";
import { refreshProfileFromDatabase } from "@/features/profile/refresh-token";

type JwtCallback = NonNullable<NonNullable<NextAuthConfig["callbacks"]>["jwt"]>;

export const nodeJwt: JwtCallback = async (params) => {
  const token = await authConfig.callbacks.jwt(params);
  // `params.session` (the client's update() payload) is deliberately never read: see refresh-token.ts.
  if (params.trigger === "update") return refreshProfileFromDatabase(token);
  return token;
};
