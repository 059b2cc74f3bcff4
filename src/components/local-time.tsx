"use client";

import { useSyncExternalStore } from "react";

/** A moment, for a <time> element: machine-readable, and as the server wrote it (in UTC: it knows no reader's zone). */
export interface ShownTime {
  iso: string;
  text: string;
}

// "Jan 5, 2026, 11:02 AM GMT+1": the zone named, as dateStyle/timeStyle cannot (Intl refuses them with a zone name).
const inReadersZone = new Intl.DateTimeFormat(undefined, {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
});
const noChanges = () => () => {};

/**
 * An absolute time in the reader's own time zone once the page runs in their browser; the server's UTC text before
 * that (and without JavaScript). Read as an external store so hydration matches the server's HTML first, then
 * re-renders: no mismatch warning, no flash of a wrong zone after load.
 */
export function LocalTime({ iso, text }: ShownTime) {
  const local = useSyncExternalStore(
    noChanges,
    () => inReadersZone.format(new Date(iso)),
    () => null,
  );
  return <time dateTime={iso}>{local ?? text}</time>;
}
