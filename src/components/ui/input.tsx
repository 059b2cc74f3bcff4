import type { ComponentProps } from "react";

import { cn } from "./cn";

/**
 * What every form control shares: the border, the focus ring and the invalid state. Size, width and background
 * are left to each control, so its own classes never compete with these.
 */
const control = cn(
  "rounded-md border border-zinc-300 dark:border-zinc-700",
  "focus-visible:border-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-zinc-900",
  "dark:focus-visible:border-zinc-100 dark:focus-visible:outline-zinc-100",
  "aria-[invalid=true]:border-red-600 dark:aria-[invalid=true]:border-red-500",
);

const textControl = cn(control, "w-full bg-transparent px-3 py-2");

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(textControl, className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={cn(textControl, "min-h-24", className)} {...props} />;
}

export function Select({ className, ...props }: ComponentProps<"select">) {
  // Compact, as it sits in table rows. The background is explicit: Chromium paints the open list of a transparent
  // <select> in the system's colours, not the page's.
  return <select className={cn(control, "bg-white px-2 py-1 dark:bg-zinc-950", className)} {...props} />;
}
