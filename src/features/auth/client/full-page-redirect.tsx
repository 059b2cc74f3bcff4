"use client";

import { useEffect, useSyncExternalStore } from "react";

import { CLIENT_NAVIGATION_FIELD } from "@/features/auth/shared/client-navigation";

/** Present only once hydrated: tells the action that this browser runs JavaScript (see ./client-navigation.ts). */
export function ClientNavigationField() {
  // false while rendering on the server and hydrating, true once React runs in the browser.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  return hydrated ? <input type="hidden" name={CLIENT_NAVIGATION_FIELD} value="client" /> : null;
}

const noSubscription = () => () => {};

/** Follows a successful action's `redirectTo` with a full page load. */
export function useFullPageRedirect(redirectTo: string | undefined): void {
  useEffect(() => {
    if (redirectTo) window.location.assign(redirectTo);
  }, [redirectTo]);
}
