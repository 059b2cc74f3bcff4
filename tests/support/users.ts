// Test data: unique people, so files running in parallel on one database never collide.
import { randomUUID } from "node:crypto";

import { createUser } from "@/db/queries";
import type { NewUser, User } from "@/db/schema";
import { hashPassword } from "@/features/auth/server/password-hash";

export function uniqueEmail(label = "person"): string {
  return `${label}-${randomUUID()}@example.test`;
}

/**
 * A verified person in the database, under a unique email labelled `label`; with `password` hashed as sign-up
 * hashes it (left out: a hash nothing matches, and no bcrypt time). `fields` overrides the rest.
 */
export async function createPerson(
  label: string,
  { password, ...fields }: Partial<NewUser> & { password?: string } = {},
): Promise<User> {
  const created = await createUser({
    email: uniqueEmail(label),
    name: "Ada Lovelace",
    passwordHash: password === undefined ? "no password matches this" : await hashPassword(password),
    emailVerifiedAt: new Date(),
    ...fields,
  });
  if (!created) throw new Error("could not create a test person");
  return created;
}
