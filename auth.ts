// The Node half of Auth.js: the edge-safe config plus what needs Node — the Credentials provider, whose
// `authorize` reads Postgres through src/db and checks the bcrypt hash, and the jwt callback's database reads.
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";

import { authConfig } from "auth.config";

import { authorizeCredentials } from "./src/features/auth/server/authorize";
import { nodeJwt } from "./src/features/auth/server/node-callbacks";
import { traceStep } from "./src/lib/auth-trace";

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, request) =>
        traceStep(
          "authorize",
          () => authorizeCredentials(credentials, request),
          (user) => ({ user: user ? "found" : "none" }),
        ),
    }),
  ],
  callbacks: { ...authConfig.callbacks, jwt: nodeJwt },
});
