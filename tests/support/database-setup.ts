// Runs in each test worker before a test file is imported: point the app's db module at this run's database.
// (@/db is imported lazily below: the env module reads process.env once, when it is first imported.)
import { afterAll, inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");

afterAll(async () => {
  const { closeDb } = await import("@/db");
  await closeDb();
});
