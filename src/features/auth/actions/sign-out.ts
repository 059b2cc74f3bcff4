"use server";

import { signOut } from "auth";
import { HOME_PATH } from "@/config/routes";

/** The no-JavaScript path of the Sign out button: a form post, then a redirect (a full page load). */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: HOME_PATH });
}
