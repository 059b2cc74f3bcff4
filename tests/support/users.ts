// Test data: unique people, so files running in parallel on one database never collide.
import { randomUUID } from "node:crypto";

import { insertPasskey } from "@/db/passkeys";
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

/** A passkey row for `userId` named `name`, as a registration stores one (its key opens nothing: for listing). */
export async function createPasskey(userId: string, name: string): Promise<void> {
  await insertPasskey({
    id: `passkey-${randomUUID()}`,
    userId,
    publicKey: "not a real key",
    counter: 0,
    transports: [],
    deviceType: "multiDevice",
    backedUp: true,
    aaguid: "00000000-0000-0000-0000-000000000000",
    name,
  });
}
