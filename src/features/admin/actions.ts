"use server";

import { revalidatePath } from "next/cache";

import { admission, ROUTES } from "@/config/routes";
import { endEverySessionOf, setUserRole } from "@/db/queries";
import { recordRequestEvent } from "@/features/activity/server/record";
import { authedAction, type ActionState } from "@/features/auth/server/action";

import { ACCOUNT_GONE, changeRoleSchema, signOutUserSchema } from "./shared/schemas";

const FORBIDDEN = "You don't have access to this action.";

const RESULT_MESSAGES = {
  changed: { status: "success", message: "Role saved." },
  unchanged: { status: "success", message: "Role unchanged." },
  "not-found": { status: "error", formError: ACCOUNT_GONE },
  "last-admin": { status: "error", formError: "The last admin cannot stop being an admin." },
  forbidden: { status: "error", formError: FORBIDDEN },
} satisfies Record<string, ActionState<typeof changeRoleSchema>>;

export const changeRoleAction = authedAction(changeRoleSchema, async ({ userId, role }, { user: admin }) => {
  // Server actions are public endpoints: check the role here, in the database (not the possibly stale token),
  // whatever the page or the middleware did.
  if (admission(ROUTES.admin, admin.role) !== "allow") return { status: "error", formError: FORBIDDEN };
  const { result, from } = await setUserRole(admin, userId, role); // which checks the role again, inside its transaction
  if (result === "changed") {
    await recordRequestEvent("role-changed", userId, { actorId: admin.id, detail: { from, to: role } });
    revalidatePath(ROUTES.admin.path);
  }
  return RESULT_MESSAGES[result];
});

export const signOutUserEverywhereAction = authedAction(signOutUserSchema, async ({ userId }, { user: admin }) => {
  if (admission(ROUTES.admin, admin.role) !== "allow") return { status: "error", formError: FORBIDDEN };
  const target = await endEverySessionOf(userId);
  if (!target) return { status: "error", formError: ACCOUNT_GONE };
  await recordRequestEvent("sign-out-everywhere", target.id, { actorId: admin.id });
  revalidatePath(ROUTES.admin.path);
  return { status: "success", message: `${target.name} is signed out everywhere.` };
});
