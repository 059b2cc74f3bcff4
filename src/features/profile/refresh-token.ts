// The jwt callback's `trigger: "update"` branch (wired in auth.ts, Node runtime).
//
// Anyone can POST /api/auth/session with any JSON, and Auth.js hands that body to the jwt callback as `session`.
// So the payload is ignored entirely: name and image are read from the database row of `token.sub` — one indexed
// query, only on update — and nothing else in the token changes. A client can therefore never set role, sub/id,
// email or the session version, and cannot even put a name or image into its token that the profile form did not
// validate and save first.
import "server-only";
import type { JWT } from "next-auth/jwt";
import { getUserById } from "@/db/queries";
import { describeError } from "@/db/describe-error";

/** The token with name and image as the database holds them; null (sign out) when the account is gone. */
export async function refreshProfileFromDatabase(token: JWT): Promise<JWT | null> {
  if (!token.sub) return token;
  let user: Awaited<ReturnType<typeof getUserById>>;
  try {
    user = await getUserById(token.sub);
  } catch (error) {
    // A throw here would make Auth.js delete the session cookie: a database blip must not sign people out.
    console.error(`[auth] profile refresh skipped: ${describeError(error)}`);
    return token;
  }
  if (!user) return null;
  return { ...token, name: user.name, picture: user.image };
}
