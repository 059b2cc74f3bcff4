// Checks an email and password against the database. Every failure — malformed input, unknown email, wrong
// password — returns null, so the sign-in page can only ever say one generic thing.
import "server-only";
import type { User } from "next-auth";
import { getUserByEmail } from "@/db/queries";
import { dummyHash, verifyPassword } from "./password-hash";
import { signInSchema } from "./schemas";

export async function authorizeCredentials(credentials: unknown): Promise<User | null> {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;

  const user = await getUserByEmail(email);
  // An unknown email costs the same bcrypt work as a wrong password, so timing does not tell them apart.
  const matches = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !matches) return null;

  return { id: user.id, name: user.name, email: user.email, image: user.image, role: user.role, sessionVersion: user.sessionVersion };
}
