import type { ReactNode } from "react";

import { cn } from "./ui/cn";

/**
 * The app's page widths, one place for all of them. `standard` is the text column most pages use; `narrow` the
 * centred column of a sign-in or sign-up form; `wide` the room a table needs (and the navbar's, so its brand and
 * menu line up with the widest page).
 */
export const PAGE_WIDTHS = {
  narrow: "max-w-sm",
  standard: "max-w-3xl",
  wide: "max-w-6xl",
} as const;

export type PageWidth = keyof typeof PAGE_WIDTHS;

// A narrow page (a sign-in or sign-up form) is a card from the `sm` width up; on a phone the card would only take
// room from the fields.
const NARROW_CARD: Record<PageWidth, string> = {
  narrow: "sm:rounded-lg sm:border sm:border-zinc-200 sm:p-8 sm:dark:border-zinc-800",
  standard: "",
  wide: "",
};

/** The classes that centre a block at `width`, for containers that cannot be a PageShell (the navbar). */
export const pageWidth = (width: PageWidth): string => cn("mx-auto w-full", PAGE_WIDTHS[width]);

/**
 * Every page's outer container: its width, centred, with the house spacing between its blocks. The root layout's
 * <main> only pads, so a page's width is the one it asks for here.
 */
export function PageShell({
  width = "standard",
  className,
  children,
}: {
  width?: PageWidth;
  className?: string;
  children: ReactNode;
}) {
  return <div className={cn(pageWidth(width), "space-y-6", NARROW_CARD[width], className)}>{children}</div>;
}
