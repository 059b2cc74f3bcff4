"use server";

import { revalidatePath } from "next/cache";

import { admission, ROUTES } from "@/config/routes";
import { setUserRole } from "@/db/queries";
import { authedAction, type ActionState } from "@/features/auth/server/action";

import { changeRoleSchema } from "./shared/schemas";

const FORBIDDEN = "You don't have access to this action.";

const RESULT_MESSAGES = {
  changed: { status: "success", message: "Role saved." },
  unchanged: { status: "success", message: "Role unchanged." },
  "not-found": { status: "error", formError: "That account no longer exists." },
  "last-admin": { status: "error", formError: "The last admin cannot stop being an admin." },
  forbidden: { status: "error", formError: FORBIDDEN },
} satisfies Record<string, ActionState<typeof changeRoleSchema>>;

export const changeRoleAction = authedAction(changeRoleSchema, async ({ userId, role }, { user: admin }) => {
  // Server actions are public endpoints: check the role here, in the database (not the possibly stale token),
  // whatever the page or the middleware did.
  if (admission(ROUTES.admin, admin.role) !== "allow") return { status: "error", formError: FORBIDDEN };
  const result = await setUserRole(admin, userId, role); // which checks the role again, inside its transaction
  if (result === "changed") revalidatePath(ROUTES.admin.path);
  return RESULT_MESSAGES[result];
});
