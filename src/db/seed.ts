// `npm run db:seed`: creates the admin account admin@example.com. Its password comes from SEED_ADMIN_PASSWORD,
// or is generated and printed once. Running it again leaves an existing admin alone.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { hashPassword } from "@/features/auth/password-hash";
import { env } from "@/lib/env";
import { describeError } from "@/lib/describe-error";
import { openDatabase } from "./index";
import { users } from "./schema";

const ADMIN_EMAIL = "admin@example.com";

const database = await openDatabase({ databaseUrl: env.DATABASE_URL });
try {
  const [existing] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, ADMIN_EMAIL));
  if (existing) {
    console.log(`${ADMIN_EMAIL} already exists; nothing to do.`);
  } else {
    const given = env.SEED_ADMIN_PASSWORD;
    if (given !== undefined && [...given.normalize("NFKC")].length < env.PASSWORD_MIN_LENGTH) {
      throw new Error(`SEED_ADMIN_PASSWORD must be at least ${env.PASSWORD_MIN_LENGTH} characters`);
    }
    const password = given ?? randomBytes(18).toString("base64url"); // 24 characters, 144 bits
    await database.db.insert(users).values({
      email: ADMIN_EMAIL,
      name: "Admin",
      role: "admin",
      passwordHash: await hashPassword(password.normalize("NFKC")),
    });
    console.log(`Created ${ADMIN_EMAIL}.`);
    if (given === undefined) console.log(`Its password (shown only this once): ${password}`);
  }
} catch (error) {
  console.error(`Seeding failed: ${describeError(error)}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
