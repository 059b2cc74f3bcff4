import "server-only";

import { notFound } from "next/navigation";

import { readProfile } from "@/db/profile";

import type { ProfileInput } from "../shared/schemas";

/**
 * What the profile form starts from: the row as stored (PROFILE_COLUMNS), read fresh, since a field need not be in
 * the token. Returned as the form's own type, so a declared field without its column does not compile (and the
 * action's write does not compile for a column without its field).
 */
export async function storedProfile(userId: string): Promise<ProfileInput> {
  const profile = await readProfile(userId);
  // Deleted since this token's last check: nothing left to edit (the session ends at its next check).
  if (!profile) notFound();
  return profile;
}
