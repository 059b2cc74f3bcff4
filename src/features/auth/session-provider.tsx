"use client";

import type { Session } from "next-auth";
import { SessionProvider } from "next-auth/react";
import type { ReactNode } from "react";

/**
 * The client session, seeded with the server's so the first paint is already signed in (no flash of the
 * signed-out navbar) and no request is made for it. next-auth's provider reads its `session` prop only when it
 * mounts, so it is keyed by the person: signing in or out (a server action and a soft navigation) remounts it
 * with the new session.
 */
export function AuthSessionProvider({ session, children }: { session: Session | null; children: ReactNode }) {
  return (
    <SessionProvider key={session?.user?.id ?? "signed-out"} session={session}>
      {children}
    </SessionProvider>
  );
}
