"use server";

import { z } from "zod";

import { signOut } from "auth";
import { HOME_PATH } from "@/config/routes";
import { action } from "@/features/auth/server/action";
import { IDLE } from "@/lib/shared/form";

// A signed-out action, not an authed one: a session the database already ended must still clear its cookie.
const signOutToHome = action(z.object({}), async () => {
  await signOut({ redirectTo: HOME_PATH });
  return { status: "success", redirectTo: HOME_PATH };
});

/**
 * The no-JavaScript path of the Sign out button: a form post, then a redirect (a full page load). The form's own
 * action, not a useActionState one: it always navigates away, so it has no state to show — and it sits in the
 * navbar of every page, where a second state key would be posted along with the page's own form.
 */
export async function signOutAction(formData: FormData): Promise<void> {
  await signOutToHome(IDLE, formData);
}
