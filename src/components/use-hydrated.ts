"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * false while rendering on the server and hydrating, true once React runs in the browser: for controls that do
 * something only with JavaScript (a ceremony, a copy button, a field that tells an action JavaScript runs).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
