/**
 * Joins class names, skipping the falsy ones. No tailwind-merge: a primitive's own classes and a caller's are kept
 * apart by design (size and colour are variants; `className` adds layout), so nothing needs resolving at run time.
 */
export function cn(...classes: Array<string | false | null | undefined>): string {
  return classes.filter(Boolean).join(" ");
}
