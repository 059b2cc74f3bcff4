// The profile a person edits on /profile: the columns PROFILE_COLUMNS names, read and written as one list, so a
// column added there is read and saved with the rest — never declared and then silently dropped on the way.
import "server-only";

import { eq } from "drizzle-orm";

import { getDb } from "./index";
import { PROFILE_COLUMNS, users, type Profile, type ProfileColumn, type User } from "./schema";

const profileColumns = Object.fromEntries(PROFILE_COLUMNS.map((column) => [column, users[column]])) as {
  [Column in ProfileColumn]: (typeof users)[Column];
};

/** The profile columns of `profile`, and nothing else a caller's object may carry. */
const onlyProfile = (profile: Profile): Profile =>
  Object.fromEntries(PROFILE_COLUMNS.map((column) => [column, profile[column]])) as Profile;

/** One person's profile as stored, or undefined when the account is gone. */
export async function readProfile(id: string): Promise<Profile | undefined> {
  const db = await getDb();
  const [profile] = await db.select(profileColumns).from(users).where(eq(users.id, id)).limit(1);
  return profile;
}

/** Writes every profile column of exactly one row: the caller's own, identified by the session, never by the form. */
export async function updateProfile(id: string, profile: Profile): Promise<User | undefined> {
  const db = await getDb();
  const [updated] = await db.update(users).set(onlyProfile(profile)).where(eq(users.id, id)).returning();
  return updated;
}
