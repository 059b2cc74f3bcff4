"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";

import { admission, ROUTES } from "@/config/routes";
import { deleteUserAsAdmin, disableUser, enableUser } from "@/db/admin-users";
import { endEverySessionOf, getUserById, setUserRole } from "@/db/queries";
import type { User } from "@/db/schema";
import { recordRequestEvent, requestOrigin } from "@/features/activity/server/record";
import { authedAction, type ActionState } from "@/features/auth/server/action";
import { mailVerificationLink } from "@/features/email-verification/server/verification-link";
import { clientKey } from "@/lib/server/client-ip";
import { logger } from "@/lib/server/logger";
import { maskEmail } from "@/lib/server/mask-email";

import { ACCOUNT_DELETED_PATH } from "./shared/admin-paths";
import { ACCOUNT_GONE, accountActionSchema, changeRoleSchema, NOT_YOURSELF, signOutUserSchema } from "./shared/schemas";

const FORBIDDEN = "You don't have access to this action.";

const RESULT_MESSAGES = {
  changed: { status: "success", message: "Role saved." },
  unchanged: { status: "success", message: "Role unchanged." },
  "not-found": { status: "error", formError: ACCOUNT_GONE },
  "last-admin": { status: "error", formError: "The last admin cannot stop being an admin." },
  forbidden: { status: "error", formError: FORBIDDEN },
} satisfies Record<string, ActionState<typeof changeRoleSchema>>;

// Server actions are public endpoints: each checks the role here, in the database (not the possibly stale token),
// whatever the page or the middleware did.
const isAdmin = (user: User) => admission(ROUTES.admin, user.role) === "allow";

/** Every page that shows an account: the table and the person's own page. */
function revalidateAdmin(): void {
  revalidatePath(ROUTES.admin.path, "layout");
}

export const changeRoleAction = authedAction(changeRoleSchema, async ({ userId, role }, { user: admin }) => {
  if (!isAdmin(admin)) return { status: "error", formError: FORBIDDEN };
  if (userId === admin.id) return { status: "error", formError: NOT_YOURSELF.role };
  const { result, from } = await setUserRole(admin, userId, role); // which checks the role again, inside its transaction
  if (result === "changed") {
    await recordRequestEvent("role-changed", userId, { actorId: admin.id, detail: { from, to: role } });
    revalidateAdmin();
  }
  return RESULT_MESSAGES[result];
});

export const signOutUserEverywhereAction = authedAction(signOutUserSchema, async ({ userId }, { user: admin }) => {
  if (!isAdmin(admin)) return { status: "error", formError: FORBIDDEN };
  const target = await endEverySessionOf(userId);
  if (!target) return { status: "error", formError: ACCOUNT_GONE };
  await recordRequestEvent("sign-out-everywhere", target.id, { actorId: admin.id });
  revalidateAdmin();
  return { status: "success", message: `${target.name} is signed out everywhere.` };
});

export const resendVerificationAction = authedAction(accountActionSchema, async ({ userId }, { user: admin }) => {
  if (!isAdmin(admin)) return { status: "error", formError: FORBIDDEN };
  const target = await getUserById(userId);
  if (!target) return { status: "error", formError: ACCOUNT_GONE };
  if (target.emailVerifiedAt !== null)
    return { status: "success", message: `${target.name}'s email is already verified.` };
  // Within the mail throttle of the address (and of the admin's IP), as every other mailed link.
  mailVerificationLink(target, { email: target.email, ip: clientKey(await headers()) });
  await recordRequestEvent("verification-resent", target.id, { actorId: admin.id });
  return { status: "success", message: `A new verification link is on its way to ${target.email}.` };
});

export const disableUserAction = authedAction(accountActionSchema, async ({ userId }, { user: admin }) => {
  if (!isAdmin(admin)) return { status: "error", formError: FORBIDDEN };
  if (userId === admin.id) return { status: "error", formError: NOT_YOURSELF.disable };
  const target = await disableUser(userId); // and every session of it ends, in the same transaction
  if (!target) return { status: "error", formError: ACCOUNT_GONE };
  await recordRequestEvent("account-disabled", target.id, { actorId: admin.id });
  revalidateAdmin();
  return { status: "success", message: `${target.name} is disabled and signed out everywhere.` };
});

export const enableUserAction = authedAction(accountActionSchema, async ({ userId }, { user: admin }) => {
  if (!isAdmin(admin)) return { status: "error", formError: FORBIDDEN };
  const target = await enableUser(userId);
  if (!target) return { status: "error", formError: ACCOUNT_GONE };
  await recordRequestEvent("account-enabled", target.id, { actorId: admin.id });
  revalidateAdmin();
  return { status: "success", message: `${target.name} can sign in again.` };
});

export const deleteUserAction = authedAction(accountActionSchema, async ({ userId }, { user: admin }) => {
  if (!isAdmin(admin)) return { status: "error", formError: FORBIDDEN };
  if (userId === admin.id) return { status: "error", formError: NOT_YOURSELF.delete };
  const origin = requestOrigin(await headers());
  // The account's own events go with it: the deletion is stored without an account, naming the admin.
  const deleted = await deleteUserAsAdmin(userId, { type: "account-deleted", actorId: admin.id, ...origin });
  if (!deleted) return { status: "error", formError: ACCOUNT_GONE };
  logger.info(
    { event: "account-deleted", email: maskEmail(deleted.email), actorId: admin.id, ...origin },
    "auth event",
  );
  revalidateAdmin();
  // Its row and its page are gone: the table says so.
  redirect(ACCOUNT_DELETED_PATH);
});
