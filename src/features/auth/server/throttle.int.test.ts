import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { getDb, queryCount } from "@/db";
import { createUser } from "@/db/queries";
import { clientKey } from "@/lib/server/client-ip";
import { env } from "@/lib/server/env";
import { uniqueEmail } from "@tests/support/users";

import { authorizeCredentials, BusySignin, ThrottledSignin } from "./authorize";
import { bcryptHash, hashPoolRefusal, hashPoolStats } from "./hash-pool";
import { hashPassword } from "./password-hash";
import { throttleMessage, throttleWaitSeconds } from "./throttle";

const PASSWORD = "correct horse battery staple";
const WRONG = "wrong horse battery staple";

/**
 * A request as `npm start` hands it on: whatever X-Forwarded-For the client wrote, then the socket's address,
 * appended by server.mjs. With TRUSTED_PROXY unset, the client is counted under that last entry alone.
 */
const requestFrom = (ip: string, clientWrote = "198.51.100.66") =>
  new Request("http://app.test/api/auth/callback/credentials", {
    headers: { "x-forwarded-for": `${clientWrote}, ${ip}` },
  });
/** The key the throttle counts `ip` under (its /64). */
const keyOf = (ip: string) => clientKey(requestFrom(ip).headers);
/** A fresh IPv6 /64 each time (2001:db8::/32 is the documentation range): an address nobody else in the run uses. */
const uniqueIp = () =>
  `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}::1`;

async function person(): Promise<string> {
  const email = uniqueEmail();
  await createUser({ email, name: "Ada", passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() });
  return email;
}

/** What an attempt came to: the user, null (compared and wrong), or the name of the refusal. */
async function attempt(email: string, password: string, ip: string): Promise<string> {
  try {
    return (await authorizeCredentials({ email, password }, requestFrom(ip))) ? "signed in" : "wrong";
  } catch (error) {
    if (error instanceof ThrottledSignin) return "throttled";
    if (error instanceof BusySignin) return "busy";
    throw error;
  }
}

async function fail(email: string, ip: string, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) expect(await attempt(email, `${WRONG} ${i}`, ip)).toBe("wrong");
}

const count = (outcomes: string[], outcome: string) => outcomes.filter((each) => each === outcome).length;

describe(`sign-in throttling on ${process.env.TEST_DB_ENGINE}`, () => {
  const perEmailAndIp = env.SIGNIN_FAILURES_PER_EMAIL_AND_IP;

  it(`stops guessing at one account from one address after ${perEmailAndIp} failures, the right password too`, async () => {
    const [email, ip] = [await person(), uniqueIp()];
    await fail(email, ip, perEmailAndIp);
    expect(await attempt(email, PASSWORD, ip)).toBe("throttled");
    // Another address in the same /64 is the same subscriber.
    expect(await attempt(email, PASSWORD, ip.replace(/::1$/, "::2"))).toBe("throttled");
    const wait = await throttleWaitSeconds({ email, ip: keyOf(ip) });
    expect(wait).toBeGreaterThan(14 * 60);
    expect(throttleMessage(wait)).toBe("Too many attempts. Try again in 15 minutes.");
  });

  it("does not let a stranger lock the owner out: the owner signs in from their own address", async () => {
    const email = await person();
    await fail(email, uniqueIp(), perEmailAndIp);
    expect(await attempt(email, PASSWORD, uniqueIp())).toBe("signed in");
  });

  it("counts the address the socket saw, not one the client wrote in X-Forwarded-For", async () => {
    const [email, ip] = [await person(), uniqueIp()];
    for (let i = 0; i < perEmailAndIp; i += 1) {
      const request = requestFrom(ip, `203.0.113.${i}`); // a new "address" every time, written by the client
      expect(await authorizeCredentials({ email, password: `${WRONG} ${i}` }, request)).toBeNull();
    }
    expect(await attempt(email, PASSWORD, ip)).toBe("throttled");
  });

  it("clears consecutive failures after a correct password", async () => {
    const [email, ip] = [await person(), uniqueIp()];
    await fail(email, ip, perEmailAndIp - 1);
    expect(await attempt(email, PASSWORD, ip)).toBe("signed in");
    await fail(email, ip, perEmailAndIp - 1);
    expect(await attempt(email, PASSWORD, ip)).toBe("signed in");
  });

  it(`stops an address after ${env.SIGNIN_FAILURES_PER_IP} failures across many accounts (spraying), and only that address`, async () => {
    const ip = uniqueIp();
    for (let i = 0; i < env.SIGNIN_FAILURES_PER_IP; i += 1)
      expect(await attempt(uniqueEmail("spray"), PASSWORD, ip)).toBe("wrong");
    const email = await person();
    expect(await attempt(email, PASSWORD, ip)).toBe("throttled");
    expect(await attempt(email, PASSWORD, uniqueIp())).toBe("signed in");
  }, 60_000);

  it(`stops everyone at an account after ${env.SIGNIN_FAILURES_PER_ACCOUNT} failures from many addresses (NIST's ceiling)`, async () => {
    const email = await person();
    // Each address stays under its own limit; together they reach the account's.
    const addresses = Array.from(
      { length: Math.ceil(env.SIGNIN_FAILURES_PER_ACCOUNT / (perEmailAndIp - 1)) },
      uniqueIp,
    );
    let failures = 0;
    for (const ip of addresses) {
      const times = Math.min(perEmailAndIp - 1, env.SIGNIN_FAILURES_PER_ACCOUNT - failures);
      await fail(email, ip, times);
      failures += times;
    }
    expect(failures).toBe(env.SIGNIN_FAILURES_PER_ACCOUNT);
    expect(await attempt(email, PASSWORD, uniqueIp())).toBe("throttled");
  }, 120_000);

  it("lets at most the limit of a concurrent burst reach bcrypt, and a right password sent during it does not sign in", async () => {
    const [email, ip] = [await person(), uniqueIp()];
    await attempt(uniqueEmail(), PASSWORD, uniqueIp()); // warm: the dummy hash and the pool's timing exist
    const comparesBefore = hashPoolStats().jobsStarted;
    const burst = Promise.all(Array.from({ length: 60 }, (_, i) => attempt(email, `${WRONG} ${i}`, ip)));
    // An attempt is charged before its compare starts, so once the limit's worth of compares have started the
    // counter is full, and the last of them is still running. Watching the pool (not polling the database, whose
    // answer would queue behind the burst's own statements) sends the owner's password at exactly that moment.
    while (hashPoolStats().jobsStarted - comparesBefore < perEmailAndIp) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(hashPoolStats().running + hashPoolStats().queued).toBeGreaterThan(0);
    expect(await attempt(email, PASSWORD, ip)).toBe("throttled");
    const outcomes = await burst;
    expect(count(outcomes, "wrong")).toBe(perEmailAndIp);
    expect(count(outcomes, "throttled")).toBe(60 - perEmailAndIp);
    expect(hashPoolStats().jobsStarted - comparesBefore).toBe(perEmailAndIp);
  }, 60_000);

  it("charges nothing for a refused attempt: throttled guesses do not count toward the account's ceiling", async () => {
    const [email, ip] = [await person(), uniqueIp()];
    await fail(email, ip, perEmailAndIp);
    for (let i = 0; i < 20; i += 1) expect(await attempt(email, WRONG, ip)).toBe("throttled");
    const db = await getDb();
    const { rows } = await db.execute<{ points: number }>(
      sql`select points from rate_limits where key = ${`signin:account:${email}`}`,
    );
    expect(rows[0]?.points).toBe(perEmailAndIp);
  });

  it("answers busy at once, touching no database, when the hashing queue is full", async () => {
    const email = await person();
    await bcryptHash("timing", 10); // the pool knows how long a job takes
    const filler: Array<Promise<unknown>> = [];
    while (!hashPoolRefusal()) filler.push(bcryptHash("filler", 10).catch(() => undefined));
    await getDb();
    const before = queryCount();
    expect(await attempt(email, PASSWORD, uniqueIp())).toBe("busy");
    expect(queryCount() - before).toBe(0);
    await Promise.all(filler);
    expect(await attempt(email, PASSWORD, uniqueIp())).toBe("signed in");
  }, 60_000);
});
