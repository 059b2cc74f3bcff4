"use client";

import { useSession } from "next-auth/react";
import Link from "next/link";

import { pageWidth } from "@/components/page-shell";
import { buttonVariants } from "@/components/ui/button";
import { APP_NAME } from "@/config/app";
import { HOME_AFTER_SIGN_IN, HOME_PATH, navLinks, type RouteEntry } from "@/config/routes";

import { AccountMenu } from "./account-menu";

const LINK = "whitespace-nowrap hover:underline";
const CALL_TO_ACTION = buttonVariants({ size: "sm" });

/** A route's navbar link, as the route table labels it. */
function NavLink({ route }: { route: RouteEntry }) {
  return (
    <Link href={route.path} className={route.nav?.callToAction ? CALL_TO_ACTION : LINK}>
      {route.nav?.label}
    </Link>
  );
}

/**
 * Rendered from the client session, so `useSession().update()` after a profile edit re-renders it at once, and
 * other tabs follow. The first paint uses the server's session (see AuthSessionProvider). Its links are the route
 * table's, each shown to whoever its route admits: a new page with a label appears here for the right roles —
 * inline for visitors, in the account menu for people signed in (as on GitHub and Vercel, on every width: one
 * line on a phone, and Sign out a quiet item rather than the loudest button).
 */
export function Navbar() {
  const { data: session } = useSession();
  const user = session?.user;
  const links = navLinks(user?.role ?? null);
  return (
    <header className="border-b border-zinc-200 dark:border-zinc-800">
      <nav aria-label="Main" className={`${pageWidth("wide")} flex items-center justify-between gap-4 px-4 py-3`}>
        <Link href={user ? HOME_AFTER_SIGN_IN : HOME_PATH} className="shrink-0 font-semibold whitespace-nowrap">
          {APP_NAME}
        </Link>
        {user ? (
          <AccountMenu user={user} links={links} />
        ) : (
          <ul className="flex items-center gap-4 text-sm">
            {links.map((route) => (
              <li key={route.path}>
                <NavLink route={route} />
              </li>
            ))}
          </ul>
        )}
      </nav>
    </header>
  );
}
