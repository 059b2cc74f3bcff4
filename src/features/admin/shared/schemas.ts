import { z } from "zod";

import { ROLES } from "@/config/roles";

export const changeRoleSchema = z.object({
  userId: z.uuid({ error: "Unknown person." }),
  role: z.enum(ROLES, { error: "Choose a role." }),
});

/** An unknown id and a deleted account get the same answer: the form cannot tell which ids ever existed. */
export const ACCOUNT_GONE = "That account no longer exists.";

export const signOutUserSchema = z.object({
  userId: z.uuid({ error: ACCOUNT_GONE }),
});

/** The form of every action on one account (resend verification, disable, enable, delete): whose. */
export const accountActionSchema = signOutUserSchema;

/** What an admin may not do to their own account: another admin must (so no one locks themselves out by mistake). */
export const NOT_YOURSELF = {
  role: "You cannot change your own role: another admin can.",
  disable: "You cannot disable your own account.",
  delete: "You cannot delete your own account here: use Delete account in your settings.",
} as const;
