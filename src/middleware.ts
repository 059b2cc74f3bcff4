// The Edge guard, built from the edge-safe auth.config.ts alone.
//
// Why this file is `src/middleware.ts`: Next.js loads the middleware file from the directory that holds `app/`
// (here `src/`); one at the project root is ignored by `next dev`. Why `middleware` and not `proxy`: Next 16
// deprecates the name (the build prints a note saying so), but `proxy.ts` always runs on the Node.js runtime,
// while `middleware.ts` still runs on the Edge runtime — which is the point: a tiny, database-free check in
// front of every request.
import NextAuth from "next-auth";
import { authConfig } from "../auth.config";

export default NextAuth(authConfig).auth;

export const config = {
  // Everything but static files: they need no decision, and skipping them keeps the guard off the hot path.
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|robots\\.txt|sitemap\\.xml|.*\\.(?:png|jpg|jpeg|gif|svg|webp|ico|css|js|map|woff2?)$).*)"],
};
