import "server-only";

import { notFound } from "next/navigation";

import { readProfile } from "@/db/profile";
import type { Profile } from "@/db/schema";
import { describeError } from "@/lib/edge/describe-error";

import type { ProfileInput } from "../shared/schemas";

/**
 * What the profile form starts from: the row as stored (PROFILE_COLUMNS), read fresh, since a field need not be in
 * the token. Returned as the form's own type, so a declared field without its column does not compile (and the
 * action's write does not compile for a column without its field). Null while the database cannot answer: the page
 * says so instead of failing, and a form posted without JavaScript still gets an answer.
 */
export async function storedProfile(userId: string): Promise<ProfileInput | null> {
  let profile: Profile | undefined;
  try {
    profile = await readProfile(userId);
  } catch (error) {
    console.error(`[profile] the stored profile could not be read: ${describeError(error)}`);
    return null;
  }
  // Deleted since this token's last check: nothing left to edit (the session ends at its next check).
  if (!profile) notFound();
  return profile;
}
