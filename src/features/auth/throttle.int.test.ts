import { describe, expect, it } from "vitest";
import { createUser } from "@/db/queries";
import { env } from "@/lib/env";
import { uniqueEmail } from "../../../tests/support/users";
import { authorizeCredentials, ThrottledSignin } from "./authorize";
import { hashPassword } from "./password-hash";
import { throttleMessage, throttleState } from "./throttle";

const PASSWORD = "correct horse battery staple";
const requestFrom = (ip: string) => new Request("http://app.test/api/auth/callback/credentials", { headers: { "x-forwarded-for": `${ip}, 10.0.0.1` } });
const uniqueIp = () => `198.51.100.${Math.floor(Math.random() * 250)}-${crypto.randomUUID().slice(0, 6)}`;

describe(`sign-in throttling on ${process.env.TEST_DB_ENGINE}`, () => {
  it(`stops an email after ${env.SIGNIN_FAILURES_PER_EMAIL} failures, even with the right password`, async () => {
    const email = uniqueEmail();
    await createUser({ email, name: "Ada", passwordHash: await hashPassword(PASSWORD) });
    const ip = uniqueIp();
    for (let attempt = 0; attempt < env.SIGNIN_FAILURES_PER_EMAIL; attempt += 1) {
      expect(await authorizeCredentials({ email, password: `wrong ${attempt} xxxxxxxx` }, requestFrom(ip))).toBeNull();
    }
    await expect(authorizeCredentials({ email, password: PASSWORD }, requestFrom(ip))).rejects.toBeInstanceOf(ThrottledSignin);
    // From another IP too: the email is what is being guessed.
    await expect(authorizeCredentials({ email, password: PASSWORD }, requestFrom(uniqueIp()))).rejects.toBeInstanceOf(ThrottledSignin);
    const { waitSeconds } = await throttleState({ email, ip });
    expect(waitSeconds).toBeGreaterThan(14 * 60);
    expect(waitSeconds).toBeLessThanOrEqual(15 * 60);
    expect(throttleMessage(waitSeconds)).toBe("Too many attempts. Try again in 15 minutes.");
  });

  it("clears an email's failures after a correct password, so they count consecutive failures", async () => {
    const email = uniqueEmail();
    await createUser({ email, name: "Ada", passwordHash: await hashPassword(PASSWORD) });
    const ip = uniqueIp();
    for (let attempt = 0; attempt < env.SIGNIN_FAILURES_PER_EMAIL - 1; attempt += 1) {
      await authorizeCredentials({ email, password: "wrong password xxxxxxxx" }, requestFrom(ip));
    }
    expect(await authorizeCredentials({ email, password: PASSWORD }, requestFrom(ip))).toMatchObject({ email });
    expect(await authorizeCredentials({ email, password: "wrong password xxxxxxxx" }, requestFrom(ip))).toBeNull();
    expect(await authorizeCredentials({ email, password: PASSWORD }, requestFrom(ip))).toMatchObject({ email });
  });

  it(`stops an IP after ${env.SIGNIN_FAILURES_PER_IP} failures across many emails`, async () => {
    const ip = uniqueIp();
    for (let attempt = 0; attempt < env.SIGNIN_FAILURES_PER_IP; attempt += 1) {
      expect(await authorizeCredentials({ email: uniqueEmail("spray"), password: PASSWORD }, requestFrom(ip))).toBeNull();
    }
    const email = uniqueEmail();
    await createUser({ email, name: "Ada", passwordHash: await hashPassword(PASSWORD) });
    await expect(authorizeCredentials({ email, password: PASSWORD }, requestFrom(ip))).rejects.toBeInstanceOf(ThrottledSignin);
    expect(await authorizeCredentials({ email, password: PASSWORD }, requestFrom(uniqueIp()))).toMatchObject({ email });
  }, 60_000);
});
