// `npm run bench:signin`: does an unknown email cost the same as a wrong password? Times the password check that
// authorize() runs (src/features/auth/check-password.ts: lookup + bcrypt) for both,
// interleaved, at the configured bcrypt cost, on an in-memory embedded database. Prints medians; asserts nothing.
export {}; // a module: top-level await below
process.env.PGLITE_DIR = "memory://";
process.env.DATABASE_URL = "";

const { createUser } = await import("@/db/queries");
const { closeDb } = await import("@/db");
const { userWithPassword } = await import("@/features/auth/check-password");
const { hashPassword, BCRYPT_COST } = await import("@/features/auth/password-hash");
const bcrypt = (await import("bcryptjs")).default;

const ROUNDS = Number(process.env.ROUNDS ?? 15);
const email = "timing@example.com";
const password = "correct horse battery staple";
await createUser({ email, name: "Timing", passwordHash: await hashPassword(password) });
const hash = await hashPassword(password);

async function time(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

await userWithPassword("warm-up@example.com", password); // computes the dummy hash once
const wrong: number[] = [];
const unknown: number[] = [];
const compare: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  wrong.push(await time(() => userWithPassword(email, `wrong password ${round}`)));
  unknown.push(await time(() => userWithPassword(`nobody-${round}@example.com`, password)));
  compare.push(await time(() => bcrypt.compare(password, hash)));
}
await closeDb();

const row = (label: string, values: number[]) =>
  `${label.padEnd(26)} median ${median(values).toFixed(1).padStart(7)} ms   min ${Math.min(...values).toFixed(1).padStart(7)}   max ${Math.max(...values).toFixed(1).padStart(7)}`;
console.log(`sign-in timing, bcrypt cost ${BCRYPT_COST}, ${ROUNDS} rounds each, interleaved, embedded database in memory`);
console.log(row("bare bcrypt.compare", compare));
console.log(row("wrong password", wrong));
console.log(row("unknown email", unknown));
console.log(`unknown / wrong ratio: ${(median(unknown) / median(wrong)).toFixed(3)}`);
