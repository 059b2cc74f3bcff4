import type { ReactNode } from "react";

/** A short label beside a list item's name ("This device", "Synced"), with AA contrast in both colour schemes. */
export function Badge({ children }: { children: ReactNode }) {
  return (
    <span className="ml-2 rounded-full border border-zinc-300 bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-800 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-100">
      {children}
    </span>
  );
}
