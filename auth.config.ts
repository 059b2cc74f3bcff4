// The edge-safe half of Auth.js: everything the Edge middleware needs and nothing it cannot run — no database,
// no bcrypt, no Node APIs. auth.ts (Node) spreads this and adds the Credentials provider, whose `authorize`
// needs Postgres and bcrypt.
import type { NextAuthConfig } from "next-auth";

import { LOWEST_ROLE } from "./src/config/roles";
import { SIGN_IN_PATH } from "./src/config/routes";
import { authRedirect } from "./src/features/auth/edge/callback-url";
import { viewOf } from "./src/features/auth/edge/session-view";
import { nowInSeconds } from "./src/features/auth/edge/staleness";
import { authTrace, tracedCallback } from "./src/lib/edge/auth-trace";
import { describeError } from "./src/lib/edge/describe-error";
import { edgeEnv } from "./src/lib/edge/edge-env";

export const SESSION_COOKIE_UNREADABLE =
  "a session cookie could not be decrypted with AUTH_SECRET (sealed under a secret no longer listed): that browser is signed out";

export const authConfig = {
  // The first secret encrypts, all decrypt. Parsed by edge-env.ts, which keeps zod out of the Edge bundle.
  secret: edgeEnv.AUTH_SECRET,
  session: { strategy: "jwt" },
  pages: { signIn: SIGN_IN_PATH },
  logger: {
    // A wrong password is an everyday event, not an error with a stack trace in the logs.
    error(error) {
      // Auth.js errors carry their kind in `type` (class names do not survive minification).
      const type = "type" in error && typeof error.type === "string" ? error.type : error.name;
      if (type === "CredentialsSignin") return;
      // A session cookie that no secret of AUTH_SECRET opens: sealed under one since dropped (a rotation that did not
      // keep the old secret, or a development server from before its secret was kept in .data/). Auth.js clears the
      // cookie and that browser is signed out, which is all that happened: one line, a warning, no stack.
      if (type === "JWTSessionError") {
        console.warn(`[auth] ${SESSION_COOKIE_UNREADABLE}`);
        return;
      }
      console.error(`[auth] ${type}: ${describeError(error)}`);
    },
  },
  providers: [], // Credentials is added in auth.ts: it needs the database and bcrypt, which the Edge cannot run.
  callbacks: {
    /**
     * Where Auth.js may send the browser after sign-in or sign-out (its callbackUrl parameter, field or cookie):
     * a same-origin path only, by the same rule as every other callbackUrl. The Edge guard's decision is not a
     * callback: it lives in src/features/auth/edge/edge-guard.ts, and the middleware reads the cookie without Auth.js.
     */
    redirect: tracedCallback("redirect", authRedirect),
    /** On sign-in, copy what the token needs from the user `authorize` returned. Afterwards: the token as is. */
    jwt({ token, user, trigger }) {
      authTrace("jwt", { trigger: trigger ?? "none" });
      if (user) {
        token.sub = user.id;
        token.role = user.role;
        token.sessionVersion = user.sessionVersion;
        token.verifiedEmail = user.verifiedEmail === true;
        token.sid = user.sessionId;
        token.amr = user.methods;
        token.checkedAt = token.signedInAt = nowInSeconds(); // authorize read the row a moment ago
      }
      return token;
    },
    /**
     * Reads only the token — no database, so `auth()` and /api/auth/session cost no query — and means by it what
     * the Edge guard and the server-side checks mean (src/features/auth/edge/session-view.ts).
     */
    session({ session, token }) {
      authTrace("session");
      const view = viewOf(token);
      session.user = {
        ...session.user,
        ...(view?.user ?? { id: "", name: "", email: "", image: null, role: LOWEST_ROLE, verifiedEmail: false }),
      };
      session.sessionVersion = view?.sessionVersion ?? 0;
      session.checkedAt = view?.checkedAt ?? 0;
      return session;
    },
  },
} satisfies NextAuthConfig;
