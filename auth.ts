// The Node half of Auth.js: the edge-safe config plus what needs Node — the Credentials provider, whose
// `authorize` reads Postgres through src/db and checks the bcrypt hash, the jwt callback's database reads, the
// cookie's absolute lifetime, and ending the device session on sign-out.
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cookies } from "next/headers";

import { authConfig } from "auth.config";

import { encodeSessionToken } from "./src/features/auth/edge/session-token";
import { authorizeCredentials } from "./src/features/auth/server/authorize";
import { nodeJwt } from "./src/features/auth/server/node-callbacks";
import { cookieLifetime } from "./src/features/devices/server/device-session";
import { endDeviceSession } from "./src/features/devices/server/sign-out";
import { authorizePasskey } from "./src/features/passkeys/server/authorize-passkey";
import type { CookieWriter } from "./src/features/two-factor/server/pending-sign-in";
import { traceStep } from "./src/lib/edge/auth-trace";

/** Where authorize writes the pending sign-in's cookie: the response of the action or route running it. */
const nextCookies: CookieWriter = {
  async set(name, value, options) {
    (await cookies()).set(name, value, options);
  },
};

/** Auth.js's own idle expiry (its default): a session unused this long ends. */
const IDLE_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth({
  ...authConfig,
  session: { ...authConfig.session, maxAge: IDLE_MAX_AGE_SECONDS },
  // Auth.js's encoding (less its unused `jti`), with the token's `exp` held to the session's absolute end
  // (SESSION_MAX_AGE_DAYS after sign-in): every response renews the cookie, but the token inside cannot outlive that.
  jwt: {
    encode: ({ token, secret, salt, maxAge }) =>
      encodeSessionToken({
        token,
        secret,
        salt,
        maxAge: cookieLifetime(token?.signedInAt, maxAge ?? IDLE_MAX_AGE_SECONDS),
      }),
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, request) =>
        traceStep(
          "authorize",
          () => authorizeCredentials(credentials, request, nextCookies),
          (user) => ({ user: user ? "found" : "none" }),
        ),
    }),
    // A passkey: a signed WebAuthn response in place of the password, the same session out (both factors at once).
    Credentials({
      id: "passkey",
      name: "Passkey",
      credentials: { response: {} },
      authorize: (credentials, request) =>
        traceStep(
          "authorize(passkey)",
          () => authorizePasskey(credentials, request),
          (user) => ({ user: user ? "found" : "none" }),
        ),
    }),
  ],
  callbacks: { ...authConfig.callbacks, jwt: nodeJwt },
  // Every sign-out — the navbar's form, next-auth/react's signOut(), a POST to /api/auth/signout — ends its device
  // session on the server too, so a copy of the cookie taken before is refused.
  events: {
    async signOut(message) {
      await traceStep(
        "events.signOut",
        () => endDeviceSession("token" in message ? message.token : null),
        ({ revoked }) => ({ deviceSession: revoked ? "revoked" : "none" }),
      );
    },
  },
});
