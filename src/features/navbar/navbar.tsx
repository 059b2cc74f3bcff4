"use client";

import Link from "next/link";
import { useSession } from "next-auth/react";
import { buttonVariants } from "@/components/ui/button";
import { SignOutButton } from "@/features/auth/client/sign-out-button";
import { Avatar } from "./avatar";

/**
 * Rendered from the client session, so `useSession().update()` after a profile edit re-renders it at once, and
 * other tabs follow. The first paint uses the server's session (see AuthSessionProvider).
 */
export function Navbar() {
  const { data: session } = useSession();
  const user = session?.user;
  return (
    <header className="border-b border-zinc-200 dark:border-zinc-800">
      <nav aria-label="Main" className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-4 py-3">
        <Link href={user ? "/dashboard" : "/"} className="font-semibold">
          Edge JWT Auth
        </Link>
        {user ? (
          <div className="flex items-center gap-4 text-sm">
            {user.role === "admin" && (
              <Link href="/admin" className="hover:underline">
                Admin
              </Link>
            )}
            <Link href="/profile" className="flex items-center gap-2 hover:underline">
              <Avatar name={user.name} image={user.image} />
              <span data-testid="nav-user-name">{user.name}</span>
            </Link>
            <Link href="/profile" className="hover:underline">
              Profile
            </Link>
            <Link href="/settings" className="hover:underline">
              Settings
            </Link>
            <SignOutButton />
          </div>
        ) : (
          <ul className="flex items-center gap-4 text-sm">
            <li>
              <Link href="/login" className="hover:underline">
                Sign in
              </Link>
            </li>
            <li>
              <Link href="/register" className={buttonVariants({ size: "sm" })}>
                Create account
              </Link>
            </li>
          </ul>
        )}
      </nav>
    </header>
  );
}
