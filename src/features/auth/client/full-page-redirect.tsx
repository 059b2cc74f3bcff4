"use client";

import { useEffect } from "react";

import { useHydrated } from "@/components/use-hydrated";
import { CLIENT_NAVIGATION_FIELD } from "@/features/auth/shared/client-navigation";

/** Present only once hydrated: tells the action that this browser runs JavaScript (see ./client-navigation.ts). */
export function ClientNavigationField() {
  return useHydrated() ? <input type="hidden" name={CLIENT_NAVIGATION_FIELD} value="client" /> : null;
}

/** Follows a successful action's `redirectTo` with a full page load. */
export function useFullPageRedirect(redirectTo: string | undefined): void {
  useEffect(() => {
    if (redirectTo) window.location.assign(redirectTo);
  }, [redirectTo]);
}
