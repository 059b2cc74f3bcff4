// Throttling of failed sign-ins, per email (10 per 15 minutes) and per IP (100 per hour) by default. The counters
// live in Postgres (rate-limiter-flexible's Drizzle store, table `rate_limits`), so the limits hold across every
// instance of the app, and a correct password does not get past an active throttle.
import "server-only";
import { RateLimiterDrizzle } from "rate-limiter-flexible";
import { getDb } from "@/db";
import { rateLimits } from "@/db/schema";
import { env } from "@/lib/env";

const EMAIL_WINDOW_SECONDS = 15 * 60;
const IP_WINDOW_SECONDS = 60 * 60;

interface Limiters {
  email: RateLimiterDrizzle;
  ip: RateLimiterDrizzle;
}
let limiters: Promise<Limiters> | undefined;

function getLimiters(): Promise<Limiters> {
  limiters ??= getDb().then((db) => {
    const common = { storeClient: db, schema: rateLimits, clearExpiredByTimeout: true };
    return {
      email: new RateLimiterDrizzle({ ...common, keyPrefix: "signin:email", points: env.SIGNIN_FAILURES_PER_EMAIL, duration: EMAIL_WINDOW_SECONDS }),
      ip: new RateLimiterDrizzle({ ...common, keyPrefix: "signin:ip", points: env.SIGNIN_FAILURES_PER_IP, duration: IP_WINDOW_SECONDS }),
    };
  });
  return limiters;
}

export interface SignInAttempt {
  email: string;
  ip: string;
}

export interface ThrottleState {
  /** Seconds until sign-in may be tried again; 0 when it may be tried now. */
  waitSeconds: number;
  /** Whether this email has failures on record (only then is there anything to clear on success). */
  emailHasFailures: boolean;
}

export async function throttleState({ email, ip }: SignInAttempt): Promise<ThrottleState> {
  const { email: byEmail, ip: byIp } = await getLimiters();
  const [emailState, ipState] = await Promise.all([byEmail.get(email), byIp.get(ip)]);
  const waits = [
    emailState && emailState.consumedPoints >= byEmail.points ? emailState.msBeforeNext : 0,
    ipState && ipState.consumedPoints >= byIp.points ? ipState.msBeforeNext : 0,
  ];
  return { waitSeconds: Math.ceil(Math.max(...waits) / 1000), emailHasFailures: (emailState?.consumedPoints ?? 0) > 0 };
}

/** Counts one failed attempt against both the email and the IP. */
export async function recordFailure({ email, ip }: SignInAttempt): Promise<void> {
  const { email: byEmail, ip: byIp } = await getLimiters();
  // consume() rejects once the limit is reached; the count is still recorded, which is all we need here.
  await Promise.all([byEmail.consume(email).catch(() => undefined), byIp.consume(ip).catch(() => undefined)]);
}

/** A correct password clears the email's failures (they count consecutive failures); the IP's stay. */
export async function recordSuccess({ email }: SignInAttempt): Promise<void> {
  const { email: byEmail } = await getLimiters();
  await byEmail.delete(email);
}

export function throttleMessage(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/** The client's IP as the platform reports it (Vercel and most proxies set x-forwarded-for; its first entry). */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}
