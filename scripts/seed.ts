// `npm run db:seed`: creates the admin account admin@example.com, named Grace Hopper. Its password comes from
// SEED_ADMIN_PASSWORD, or is generated and printed once. Running it again leaves an existing admin alone.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";

import type { OpenDatabase } from "@/db/drivers/types";
import { openDatabase } from "@/db/index";
import { users } from "@/db/schema";
import { hashPassword } from "@/features/auth/server/password-hash";
import { serverPasswordPolicy } from "@/features/auth/server/password-policy";
import { registerSchema } from "@/features/auth/shared/schemas";
import { describeError } from "@/lib/edge/describe-error";
import { env } from "@/lib/server/env";

const ADMIN_EMAIL = "admin@example.com";
// A person's name, plainly a demo one: the navbar shows the name beside the role's "Admin" link and the avatar's
// initials, and "Admin (A) Admin" read like a glitch.
const ADMIN_NAME = "Grace Hopper";

// Opened inside the try: a database that cannot be opened (the embedded one held by `npm run dev`) gets the one
// line below, not a stack trace.
let database: OpenDatabase | undefined;
try {
  database = await openDatabase({ databaseUrl: env.DATABASE_URL });
  const [existing] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, ADMIN_EMAIL));
  if (existing) {
    console.log(`${ADMIN_EMAIL} already exists; nothing to do.`);
  } else {
    const given = env.SEED_ADMIN_PASSWORD;
    const account = { name: ADMIN_NAME, email: ADMIN_EMAIL, password: given ?? randomBytes(18).toString("base64url") }; // 24 characters, 144 bits
    // The rules of sign-up, every one of them: length, 72 bytes, the blocklist, not the email or name.
    const checked = registerSchema(serverPasswordPolicy()).safeParse(account);
    if (!checked.success)
      throw new Error(`SEED_ADMIN_PASSWORD: ${checked.error.issues[0]?.message ?? "is not a valid password"}`);
    const { name, email, password } = checked.data;
    // Verified: the admin is made by whoever runs the server, not by a stranger typing an address.
    await database.db.insert(users).values({
      email,
      name,
      role: "admin",
      passwordHash: await hashPassword(password),
      emailVerifiedAt: new Date(),
    });
    console.log(`Created ${ADMIN_EMAIL}.`);
    if (given === undefined) console.log(`Its password (shown only this once): ${account.password}`);
  }
} catch (error) {
  console.error(`Seeding failed: ${describeError(error)}`);
  process.exitCode = 1;
} finally {
  await database?.close();
}
