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
export function AuthSessionProvider({
  session,
  refetchSeconds,
  children,
}: {
  session: Session | null;
  refetchSeconds: number;
  children: ReactNode;
}) {
  // Re-reading the session every `refetchSeconds` (the revalidation bound) keeps the token fresh while someone
  // moves around with client-side navigations only, so the server re-checks it there, not on a page request.
  return (
    <SessionProvider key={session?.user?.id ?? "signed-out"} session={session} refetchInterval={refetchSeconds}>
      {children}
    </SessionProvider>
  );
}
