"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";

import { cn } from "@/components/ui/cn";
import { useHydrated } from "@/components/use-hydrated";
import type { RouteEntry } from "@/config/routes";
import { SignOutButton } from "@/features/auth/client/sign-out-button";

import { Avatar } from "./avatar";

const FOCUS_RING =
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900 dark:focus-visible:outline-zinc-100";
const ITEM = cn(
  "block w-full rounded px-3 py-2 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800",
  FOCUS_RING,
);
// SignOutButton draws a Button; in the menu it is one quiet item among the links, not the navbar's loudest control.
const QUIET_SIGN_OUT = "[&_button]:w-full [&_button]:justify-start [&_button]:font-normal";

/** The menu's links and its Sign out button, in order: what the arrow keys move between. */
const menuItems = (menu: HTMLElement | null): HTMLElement[] => [
  ...(menu?.querySelectorAll<HTMLElement>("[data-menu-item] :is(a, button)") ?? []),
];

export interface AccountMenuProps {
  user: { name: string; email: string; image: string | null };
  /** The route table's links for this person (navLinks), in its order. */
  links: readonly RouteEntry[];
}

/**
 * The avatar (and, from the `sm` width, the name) opens the account's menu: its links and Sign out. A <details>
 * disclosure, so it opens before hydration and without JavaScript too (Sign out then posts its form). With
 * JavaScript it behaves as a menu button: Escape closes it and gives focus back, the arrow keys and Tab move
 * through it, and a click outside, leaving it with Tab, or a navigation closes it.
 */
export function AccountMenu({ user, links }: AccountMenuProps) {
  const pathname = usePathname();
  // Open on the path where it was opened: a navigation closes it without an effect to reset it.
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === pathname;
  const hydrated = useHydrated();
  const details = useRef<HTMLDetailsElement>(null);
  const summary = useRef<HTMLElement>(null);
  const focusOnOpen = useRef<"first" | "last" | null>(null);

  const close = (returnFocus: boolean) => {
    setOpenAt(null);
    if (returnFocus) summary.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const edge = focusOnOpen.current;
    focusOnOpen.current = null;
    if (edge)
      menuItems(details.current)
        .at(edge === "first" ? 0 : -1)
        ?.focus();
    const closeOutside = (event: PointerEvent) => {
      if (!details.current?.contains(event.target as Node)) setOpenAt(null);
    };
    document.addEventListener("pointerdown", closeOutside);
    return () => document.removeEventListener("pointerdown", closeOutside);
  }, [open]);

  function onKeyDown(event: KeyboardEvent<HTMLDetailsElement>) {
    if (event.key === "Escape" && open) {
      event.preventDefault();
      close(true);
      return;
    }
    const moves: Record<string, "next" | "previous" | "first" | "last"> = {
      ArrowDown: "next",
      ArrowUp: "previous",
      Home: "first",
      End: "last",
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    if (!open) {
      focusOnOpen.current = move === "previous" || move === "last" ? "last" : "first";
      setOpenAt(pathname);
      return;
    }
    const all = menuItems(details.current);
    const at = all.indexOf(document.activeElement as HTMLElement);
    const next = {
      next: at + 1 >= all.length ? 0 : at + 1,
      previous: at <= 0 ? all.length - 1 : at - 1,
      first: 0,
      last: all.length - 1,
    }[move];
    all[next]?.focus();
  }

  return (
    <details
      ref={details}
      open={open}
      onToggle={(event) => setOpenAt(event.currentTarget.open ? pathname : null)}
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        const to = event.relatedTarget;
        if (open && to instanceof Node && !event.currentTarget.contains(to)) close(false);
      }}
      className="relative"
    >
      <summary
        ref={summary}
        role="button"
        // Without JavaScript (and before hydration) the browser tells the open state of a <details> itself; an
        // attribute rendered on the server could only say "closed" and would be wrong once it opened.
        aria-expanded={hydrated ? open : undefined}
        className={cn(
          "flex cursor-pointer list-none items-center gap-2 rounded-md p-1 text-sm [&::-webkit-details-marker]:hidden",
          "hover:bg-zinc-100 dark:hover:bg-zinc-800",
          FOCUS_RING,
        )}
      >
        <span aria-hidden="true">
          <Avatar name={user.name} image={user.image} />
        </span>
        <span data-testid="nav-user-name" className="sr-only sm:not-sr-only sm:max-w-48 sm:truncate">
          {user.name}
        </span>
        <span className="sr-only"> account menu</span>
        <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4 shrink-0 fill-current">
          <path d="M4.4 6.2a.75.75 0 0 1 1.05.15L8 9.6l2.55-3.25a.75.75 0 1 1 1.18.92l-3.14 4a.75.75 0 0 1-1.18 0l-3.14-4a.75.75 0 0 1 .13-1.07Z" />
        </svg>
      </summary>
      <div
        className={cn(
          "absolute right-0 z-20 mt-2 w-64 max-w-[calc(100vw-2rem)] rounded-md border border-zinc-200 bg-white p-1 shadow-lg",
          "dark:border-zinc-800 dark:bg-zinc-900",
        )}
        onClick={(event) => {
          // A link to the page already open navigates nowhere, so close on the click itself.
          if ((event.target as Element).closest("a")) setOpenAt(null);
        }}
      >
        <p className="border-b border-zinc-200 px-3 pt-2 pb-3 text-sm dark:border-zinc-800">
          <span className="block text-zinc-600 dark:text-zinc-400">Signed in as</span>
          <span className="block font-medium break-words">{user.name}</span>
          <span className="block break-all text-zinc-600 dark:text-zinc-400">{user.email}</span>
        </p>
        <ul className="border-b border-zinc-200 py-1 dark:border-zinc-800">
          {links.map((route) => (
            <li key={route.path} data-menu-item>
              <Link
                href={route.path}
                aria-current={pathname === route.path ? "page" : undefined}
                className={cn(ITEM, pathname === route.path && "font-semibold")}
              >
                {route.nav?.label}
              </Link>
            </li>
          ))}
        </ul>
        <div data-menu-item className={cn("pt-1", QUIET_SIGN_OUT)}>
          <SignOutButton variant="ghost" />
        </div>
      </div>
    </details>
  );
}
