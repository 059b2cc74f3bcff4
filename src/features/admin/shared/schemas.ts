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
