// What our sessions carry, for TypeScript. The token holds only these fields and the standard ones: no password
// hash, no secrets, nothing large (tests/unit/session-token-size.test.ts keeps it so).
import type { DefaultSession } from "next-auth";

import type { AuthMethod } from "@/config/auth-methods";
import type { Role } from "@/config/roles";

declare module "next-auth" {
  interface User {
    role?: Role;
    sessionVersion?: number;
    verifiedEmail?: boolean;
    /** The device session authorize() opened for this sign-in (device_sessions.id). */
    sessionId?: string;
    /** How this sign-in was made (RFC 8176 names): the token keeps it as `amr`. */
    methods?: AuthMethod[];
  }
  interface Session {
    user: { id: string; name: string; email: string; image: string | null; role: Role; verifiedEmail: boolean } & Omit<
      DefaultSession["user"],
      "id"
    >;
    /** The token's session version: data-changing actions compare it with the database. */
    sessionVersion: number;
    /** When the token was last compared with the database (epoch seconds): the Edge guard's staleness test. */
    checkedAt: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    role?: Role;
    /** users.session_version at sign-in; a different value in the database ends the session. */
    sessionVersion?: number;
    /** When the server last compared this token with the database (epoch seconds). */
    checkedAt?: number;
    /** Whether the token's email has been verified (a link sent to it was opened). */
    verifiedEmail?: boolean;
    /** The device session (device_sessions.id): revoking that row ends this token at its next check. */
    sid?: string;
    /** When this device session signed in (epoch seconds): it ends SESSION_MAX_AGE_DAYS later, however active. */
    signedInAt?: number;
    /** How this session was made (RFC 8176 Authentication Method Reference values): ["pwd"], ["pwd", "otp"]. */
    amr?: AuthMethod[];
  }
}
