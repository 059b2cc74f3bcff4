import type { ComponentProps } from "react";

import { cn } from "./cn";

// Each variant brings its own focus-ring colour, so no base class and variant class ever set the same property.
const NEUTRAL_RING = "focus-visible:outline-zinc-900 dark:focus-visible:outline-zinc-100";

const VARIANTS = {
  primary: cn(
    NEUTRAL_RING,
    "bg-zinc-900 text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300",
  ),
  outline: cn(NEUTRAL_RING, "border border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"),
  destructive: cn(
    "bg-red-700 text-white hover:bg-red-800 focus-visible:outline-red-700",
    "dark:hover:bg-red-600 dark:focus-visible:outline-red-500",
  ),
  ghost: cn(NEUTRAL_RING, "hover:bg-zinc-100 dark:hover:bg-zinc-800"),
} as const;

const SIZES = {
  default: "px-4 py-2",
  sm: "px-3 py-1.5",
  icon: "size-10",
} as const;

export type ButtonVariant = keyof typeof VARIANTS;
export type ButtonSize = keyof typeof SIZES;

export interface ButtonStyle {
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
}

/** The classes of a button, for elements that look like one without being one (a link to a page). */
export function buttonVariants({ variant = "primary", size = "default", className }: ButtonStyle = {}): string {
  return cn(
    "inline-flex shrink-0 items-center justify-center gap-2 rounded-md text-sm font-medium whitespace-nowrap",
    "transition-colors focus-visible:outline-2 focus-visible:outline-offset-2",
    "disabled:cursor-not-allowed disabled:opacity-60",
    VARIANTS[variant],
    SIZES[size],
    className,
  );
}

export type ButtonProps = ComponentProps<"button"> & Omit<ButtonStyle, "className">;

/** A button that does nothing to its form unless asked: `type` is "button" unless the caller says "submit". */
export function Button({ variant, size, className, type = "button", ...props }: ButtonProps) {
  return <button type={type} className={buttonVariants({ variant, size, className })} {...props} />;
}
