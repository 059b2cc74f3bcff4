// The edge-safe half of Auth.js: everything the Edge middleware needs and nothing it cannot run — no database,
// no bcrypt, no Node APIs. auth.ts (Node) spreads this and adds the Credentials provider, whose `authorize`
// needs Postgres and bcrypt.
import type { NextAuthConfig } from "next-auth";
import { NextResponse } from "next/server";
import { authRedirect } from "@/features/auth/callback-url";
import { isRole } from "@/features/auth/roles";
import { accessFor, HOME_AFTER_SIGN_IN, SIGN_IN_PATH } from "@/features/auth/routes";
import { isStale, nowInSeconds, REFRESH_PATH } from "@/features/auth/staleness";
import { describeError } from "@/lib/describe-error";
import { edgeEnv } from "@/lib/edge-env";

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
      console.error(`[auth] ${type}: ${describeError(error)}`);
    },
  },
  providers: [], // Credentials is added in auth.ts: it needs the database and bcrypt, which the Edge cannot run.
  callbacks: {
    /** The Edge guard: an optimistic first check. Every page, action and API handler checks again on the server. */
    authorized({ auth, request }) {
      const { nextUrl } = request;
      const user = auth?.user;
      // A token whose last database check is older than the bound is not decided from here (spec, "Session"):
      // a page load goes through the Node runtime, which re-checks and writes a fresh cookie, and comes back;
      // anything else (API calls, client navigations, posts) goes on to the server-side check, which re-checks.
      if (user && isStale(auth.checkedAt) && nextUrl.pathname !== REFRESH_PATH) {
        if (!isPageLoad(request)) return true;
        const refresh = new URL(REFRESH_PATH, nextUrl);
        refresh.searchParams.set("callbackUrl", `${nextUrl.pathname}${nextUrl.search}`);
        return NextResponse.redirect(refresh);
      }
      const access = accessFor(nextUrl.pathname);
      if (access.kind === "public") return true;
      if (access.kind === "guest-only") {
        return user ? NextResponse.redirect(new URL(HOME_AFTER_SIGN_IN, nextUrl)) : true;
      }
      if (!user) {
        if (access.api) {
          return NextResponse.json({ error: "unauthorized", message: "Sign in to use this endpoint." }, { status: 401 });
        }
        const signIn = new URL(SIGN_IN_PATH, nextUrl);
        signIn.searchParams.set("callbackUrl", `${nextUrl.pathname}${nextUrl.search}`);
        return NextResponse.redirect(signIn);
      }
      if (access.role && user.role !== access.role) {
        // Signed in but not allowed: the 403 page, with a real 403 status, not the sign-in page.
        return NextResponse.rewrite(new URL("/forbidden", nextUrl), { status: 403 });
      }
      return true;
    },
    /**
     * Where Auth.js may send the browser after sign-in or sign-out (its callbackUrl parameter, field or cookie):
     * a same-origin path only, by the same rule as every other callbackUrl.
     */
    redirect: authRedirect,
    /** On sign-in, copy what the token needs from the user `authorize` returned. Afterwards: the token as is. */
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.role = user.role;
        token.sessionVersion = user.sessionVersion;
        token.checkedAt = nowInSeconds(); // authorize read the row a moment ago
      }
      return token;
    },
    /** Reads only the token: no database, so `auth()` and /api/auth/session cost no query. */
    session({ session, token }) {
      session.user = {
        ...session.user,
        id: token.sub ?? "",
        name: token.name ?? "",
        email: token.email ?? "",
        image: token.picture ?? null,
        role: isRole(token.role) ? token.role : "user",
      };
      session.sessionVersion = token.sessionVersion ?? 0;
      session.checkedAt = token.checkedAt ?? 0;
      return session;
    },
  },
} satisfies NextAuthConfig;

/** A browser loading a page (not a client-side navigation, a prefetch, an API call or a form post). */
function isPageLoad(request: Request): boolean {
  const headers = request.headers;
  if (request.method !== "GET" || headers.has("rsc") || headers.has("next-router-prefetch")) return false;
  const destination = headers.get("sec-fetch-dest");
  return destination ? destination === "document" : (headers.get("accept") ?? "").includes("text/html");
}
