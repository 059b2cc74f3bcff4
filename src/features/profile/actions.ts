"use server";

import { unstable_update } from "auth";
import { SESSION_ENDED, verifiedUser } from "@/features/auth/server/session";
import { orUnavailable, type FormState } from "@/lib/form";
import { saveProfile, type ProfileField } from "./server/save-profile";

export async function saveProfileAction(_previous: FormState<ProfileField>, formData: FormData): Promise<FormState<ProfileField>> {
  return orUnavailable("profile", () => saveOwnProfile(formData));
}

async function saveOwnProfile(formData: FormData): Promise<FormState<ProfileField>> {
  // A server action is a public endpoint: who is saving comes from the session, checked here against the
  // database (a revoked session cannot write), never from the form.
  const user = await verifiedUser();
  if (!user) return SESSION_ENDED;

  const result = await saveProfile(user.id, formData);
  if (result.status === "success") {
    // Refresh the session cookie now (the jwt callback's update branch reads the saved row), so a reload — or a
    // browser without JavaScript — shows the new name. The form then refreshes the client session from it.
    await unstable_update({});
  }
  return result;
}
