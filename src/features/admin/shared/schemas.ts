import { z } from "zod";

import { ROLES } from "@/config/roles";

export const changeRoleSchema = z.object({
  userId: z.uuid({ error: "Unknown person." }),
  role: z.enum(ROLES, { error: "Choose a role." }),
});
