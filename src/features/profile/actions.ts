"use server";

import { unstable_update } from "auth";
import { updateProfile } from "@/db/profile";
import { authedAction } from "@/features/auth/server/action";

import { profileFormValues, profileSchema } from "./shared/schemas";

// The row written is always the signed-in person's (`user`, checked against the database), never an id taken
// from the form: the schema reads only the profile's own fields.
export const saveProfileAction = authedAction(profileSchema, async (profile, { user }) => {
  const saved = await updateProfile(user.id, profile);
  if (!saved) return { status: "error", formError: "Your account no longer exists." };
  // Refresh the session cookie now (the jwt callback's update branch reads the saved row), so a reload — or a
  // browser without JavaScript — shows the new name. The form then refreshes the client session from it.
  await unstable_update({});
  return { status: "success", message: "Profile saved", values: profileFormValues(saved) };
});
