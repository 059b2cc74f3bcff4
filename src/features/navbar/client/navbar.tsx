"use client";

import { useSession } from "next-auth/react";
import Link from "next/link";

import { buttonVariants } from "@/components/ui/button";
import { APP_NAME } from "@/config/app";
import { HOME_AFTER_SIGN_IN, HOME_PATH, navLinks, ROUTES, type RouteEntry } from "@/config/routes";
import { SignOutButton } from "@/features/auth/client/sign-out-button";

import { Avatar } from "./avatar";

const LINK = "hover:underline";
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
 * table's, each shown to whoever its route admits: a new page with a label appears here for the right roles.
 */
export function Navbar() {
  const { data: session } = useSession();
  const user = session?.user;
  const links = navLinks(user?.role ?? null);
  // The avatar and name open the profile too, so they sit just before its link (or last, were it to have none).
  const profileAt = links.indexOf(ROUTES.profile);
  const identityAt = profileAt === -1 ? links.length : profileAt;
  return (
    <header className="border-b border-zinc-200 dark:border-zinc-800">
      <nav aria-label="Main" className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-4 py-3">
        <Link href={user ? HOME_AFTER_SIGN_IN : HOME_PATH} className="font-semibold">
          {APP_NAME}
        </Link>
        {user ? (
          <div className="flex items-center gap-4 text-sm">
            {links.slice(0, identityAt).map((route) => (
              <NavLink key={route.path} route={route} />
            ))}
            <Link href={ROUTES.profile.path} className="flex items-center gap-2 hover:underline">
              <Avatar name={user.name} image={user.image} />
              <span data-testid="nav-user-name">{user.name}</span>
            </Link>
            {links.slice(identityAt).map((route) => (
              <NavLink key={route.path} route={route} />
            ))}
            <SignOutButton />
          </div>
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
