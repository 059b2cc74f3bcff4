// The sign-in throttle, after rate-limiter-flexible's "Login endpoint protection" scheme, with every counter in
// Postgres (its Drizzle store, table `rate_limits`) so the limits hold across every instance of the app:
//
//   email + IP   consecutive failures at one account from one address (10 per 15 minutes): stops guessing
//                without letting a stranger lock the owner out — the owner signs in from their own address.
//   IP           failures across all accounts from one address (100 per hour): stops spraying.
//   account      consecutive failures at one account from anywhere (100 per day): NIST SP 800-63B rev. 4 §3.2.2
//                allows no more than 100, however many addresses an attacker has.
//
// An attempt is charged to all three *before* its password is compared — each charge is one atomic increment —
// so a burst of concurrent guesses cannot all get past a counter read before any failure was recorded. A correct
// password then clears the consecutive counters and takes its charge back from the IP's; an attempt that was
// never compared (the service was busy) takes every charge back.
import "server-only";

import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";

import { rateLimitStore } from "@/db/rate-limits";
import { env } from "@/lib/server/env";

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const PASSKEY_CHALLENGES_PER_MINUTE = 60;
/** A client keeps a token for its lifetime (minutes): 30 a minute is far more than one session needs. */
export const ACCESS_TOKENS_PER_MINUTE = 30;

interface Limiters {
  emailAndIp: RateLimiterDrizzle;
  ip: RateLimiterDrizzle;
  account: RateLimiterDrizzle;
  signUp: RateLimiterDrizzle;
  mailByEmail: RateLimiterDrizzle;
  mailByIp: RateLimiterDrizzle;
  passkeyChallenges: RateLimiterDrizzle;
  accessTokens: RateLimiterDrizzle;
}
let limiters: Promise<Limiters> | undefined;

function getLimiters(): Promise<Limiters> {
  limiters ??= rateLimitStore().then((store) => {
    const limiter = (keyPrefix: string, points: number, duration: number) =>
      new RateLimiterDrizzle({
        ...store,
        clearExpiredByTimeout: true,
        keyPrefix,
        points,
        duration,
      });
    return {
      emailAndIp: limiter("signin:email-ip", env.SIGNIN_FAILURES_PER_EMAIL_AND_IP, 15 * MINUTE),
      ip: limiter("signin:ip", env.SIGNIN_FAILURES_PER_IP, HOUR),
      account: limiter("signin:account", env.SIGNIN_FAILURES_PER_ACCOUNT, DAY),
      signUp: limiter("signup:ip", env.SIGNUPS_PER_IP, HOUR),
      mailByEmail: limiter("mail:email", env.MAIL_LINKS_PER_EMAIL, HOUR),
      mailByIp: limiter("mail:ip", env.MAIL_LINKS_PER_IP, HOUR),
      // Anyone may ask for a passkey sign-in's challenge (a row each, until it expires): 60 a minute per client.
      passkeyChallenges: limiter("passkey:challenge-ip", PASSKEY_CHALLENGES_PER_MINUTE, MINUTE),
      // Access tokens per device session (POST /api/token): a signed-in script cannot mint without end.
      accessTokens: limiter("token:session", ACCESS_TOKENS_PER_MINUTE, MINUTE),
    };
  });
  return limiters;
}

export interface SignInAttempt {
  email: string;
  /** The client's key from src/lib/server/client-ip.ts (an address, or an IPv6 /64). */
  ip: string;
}

interface Counter {
  limiter: RateLimiterDrizzle;
  key: string;
}

async function countersFor({ email, ip }: SignInAttempt): Promise<Counter[]> {
  const { emailAndIp, ip: byIp, account } = await getLimiters();
  return [
    { limiter: byIp, key: ip },
    { limiter: emailAndIp, key: `${email} ${ip}` },
    { limiter: account, key: email },
  ];
}

/** Seconds until the first counter that is at its limit lets attempts through again; 0 when none is. */
function waitSeconds(counters: Counter[], states: Array<RateLimiterRes | null>): number {
  const waits = counters.map(({ limiter }, index) => {
    const state = states[index];
    return state && state.consumedPoints >= limiter.points ? state.msBeforeNext : 0;
  });
  return Math.ceil(Math.max(0, ...waits) / 1000);
}

/** How long sign-in is throttled for this attempt (0: not at all). Reads only: for messages and Retry-After. */
export async function throttleWaitSeconds(attempt: SignInAttempt): Promise<number> {
  const counters = await countersFor(attempt);
  return waitSeconds(counters, await Promise.all(counters.map(({ limiter, key }) => limiter.get(key))));
}

/** consume() rejects with its new state when a counter passes its limit, and with an Error when it could not count. */
const isRefusal = (result: PromiseSettledResult<unknown>): result is PromiseRejectedResult =>
  result.status === "rejected" && result.reason instanceof RateLimiterRes;

async function takeBack(counters: Counter[]): Promise<void> {
  await Promise.all(counters.map(({ limiter, key }) => limiter.reward(key)));
}

/** An admitted attempt: say how it ended, so the charges it made are settled. */
export interface SignInCharge {
  /** The password was right: consecutive failures start again from 0, and the IP gets its charge back. */
  succeeded(): Promise<void>;
  /** The password was never compared (busy, database error): every charge is taken back. */
  refund(): Promise<void>;
  // A wrong password needs no call: the charge stands as the failure it is.
}

export type Admission = { admitted: true; charge: SignInCharge } | { admitted: false; waitSeconds: number };

/** Charges one attempt to every counter, or refuses it (charging nothing) when any counter is at its limit. */
export async function admitSignIn(attempt: SignInAttempt): Promise<Admission> {
  const counters = await countersFor(attempt);
  // A cheap read first, so that an attacker who is already stopped costs reads, not writes.
  const states = await Promise.all(counters.map(({ limiter, key }) => limiter.get(key)));
  const wait = waitSeconds(counters, states);
  if (wait > 0) return { admitted: false, waitSeconds: wait };

  // consume() increments atomically and rejects (with the new state) once the count passes the limit: of N
  // concurrent attempts only as many as the limit has room for get through.
  const results = await Promise.allSettled(counters.map(({ limiter, key }) => limiter.consume(key)));
  const refusals = results.filter(isRefusal).map((result) => result.reason as RateLimiterRes);
  const failure = results.find(
    (result): result is PromiseRejectedResult => result.status === "rejected" && !isRefusal(result),
  );
  if (refusals.length > 0 || failure) {
    // Take back what this attempt added — a refused consume added too; a failed one, nothing we know of — so
    // that only attempts whose password was compared count.
    await takeBack(counters.filter((_, index) => results[index]!.status === "fulfilled" || isRefusal(results[index]!)));
    if (failure) throw failure.reason;
    return {
      admitted: false,
      waitSeconds: Math.max(1, Math.ceil(Math.max(...refusals.map((state) => state.msBeforeNext)) / 1000)),
    };
  }

  const [ipCounter, emailAndIpCounter, accountCounter] = counters as [Counter, Counter, Counter];
  return {
    admitted: true,
    charge: {
      succeeded: async () => {
        await Promise.all([
          ipCounter.limiter.reward(ipCounter.key),
          emailAndIpCounter.limiter.delete(emailAndIpCounter.key),
          accountCounter.limiter.delete(accountCounter.key),
        ]);
      },
      refund: () => takeBack(counters),
    },
  };
}

/** Charges one sign-up to the client's IP; the seconds to wait when it is over the limit, else 0. */
export async function chargeSignUp(ip: string): Promise<number> {
  const { signUp } = await getLimiters();
  return chargeEach([{ limiter: signUp, key: ip }]);
}

/**
 * Consumes one point of each counter; the seconds until the slowest refusing one lets requests through again
 * (at least 1), or 0 when none refused. A counter that could not count at all throws.
 */
async function chargeEach(counters: Counter[]): Promise<number> {
  const results = await Promise.allSettled(counters.map(({ limiter, key }) => limiter.consume(key)));
  let waitMs = 0;
  for (const result of results) {
    if (result.status === "fulfilled") continue;
    if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
    waitMs = Math.max(waitMs, result.reason.msBeforeNext, 1_000);
  }
  return Math.ceil(waitMs / 1000);
}

/** Charges one passkey sign-in challenge to the client's IP; the seconds to wait when it is over, else 0. */
export async function chargePasskeyChallenge(ip: string): Promise<number> {
  const { passkeyChallenges } = await getLimiters();
  return chargeEach([{ limiter: passkeyChallenges, key: ip }]);
}

/** Charges one access token to the device session that asks; how long to wait when over the limit (0: mint). */
export async function chargeAccessToken(sessionId: string): Promise<number> {
  const { accessTokens } = await getLimiters();
  return chargeEach([{ limiter: accessTokens, key: sessionId }]);
}

/** Who asked for a mail (a reset, a verification link, a sign-up's mail) and to which address. */
export interface MailRequest {
  email: string;
  ip: string;
}

/**
 * Charges one mail to its address and to the asking IP — whether or not the address has an account, so the
 * answer cannot tell — and says how long to wait when either is over its hourly limit (0: send). The address's
 * limit keeps a stranger from flooding someone's inbox; the IP's, from spraying many addresses.
 */
export async function chargeMailRequest({ email, ip }: MailRequest): Promise<number> {
  const { mailByEmail, mailByIp } = await getLimiters();
  return chargeEach([
    { limiter: mailByIp, key: ip },
    { limiter: mailByEmail, key: email },
  ]);
}

export function throttleMessage(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
