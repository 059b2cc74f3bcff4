// The password check itself, apart from Auth.js: look the person up, and compare with bcrypt — against a dummy
// hash of the same cost when the email is unknown, so that an unknown email costs the same work as a wrong
// password and timing does not tell them apart (`npm run bench -- signin` measures it).
import "server-only";
import { getUserByEmail } from "@/db/queries";
import type { User } from "@/db/schema";
import { dummyHash, verifyPassword } from "./password-hash";

/** The user when the password is theirs; null otherwise, whichever part was wrong. */
export async function userWithPassword(email: string, password: string): Promise<User | null> {
  const user = await getUserByEmail(email);
  const matches = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  return user && matches ? user : null;
}
