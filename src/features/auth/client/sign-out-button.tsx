"use client";

import { signOut } from "next-auth/react";
import { useState, type FormEvent } from "react";

import { Button, type ButtonVariant } from "@/components/ui/button";
import { HOME_PATH } from "@/config/routes";
import { signOutAction } from "@/features/auth/actions/sign-out";

/**
 * With JavaScript, signs out through next-auth's client: it tells the other open tabs, and reloads the page so
 * the navbar (in the root layout) renders signed out. Without JavaScript, the form posts to the server action.
 * The Devices list uses it for this browser's row, with a name that says which device (`accessibleName`).
 */
export function SignOutButton({ accessibleName, variant }: { accessibleName?: string; variant?: ButtonVariant } = {}) {
  const [pending, setPending] = useState(false);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    await signOut({ redirectTo: HOME_PATH });
  }
  return (
    <form action={signOutAction} onSubmit={onSubmit}>
      <Button type="submit" size="sm" variant={variant} aria-label={accessibleName} disabled={pending}>
        {pending ? "Signing out…" : "Sign out"}
      </Button>
    </form>
  );
}
