// a legitimate sign-in during a flood. FLOOD sign-in attempts at unknown emails, each from an address of
// its own — nothing per-IP stops them; the bench stands in for a reverse proxy (TRUSTED_PROXY=1, a new
// X-Forwarded-For entry each time) — and, once they are all sent, one person signing in with the right password.
// What that person sees: how long the answer took, and whether it let them in or said "busy" at once. Before the
// hashing queue was bounded, their attempt waited behind every attempt of the flood.
import { randomUUID } from "node:crypto";

import { MAX_QUEUE_WAIT_MS } from "@/features/auth/server/hash-pool";
import { startApp } from "@tests/support/app-server";
import { cookieHeader, signUpDirect } from "@tests/support/http-session";

import { settings } from "../lib/settings";
import { figure, type Figure } from "../lib/stats";

const FLOOD = Number(process.env.BENCH_FLOOD ?? 40);
const PASSWORD = "flood bench person's passphrase";

interface Attempt {
  status: number;
  ms: number;
}

/**
 * One sign-in through Auth.js's credentials endpoint, as a client behind one proxy at `ip`, in two steps: the
 * CSRF token first, then (when the returned function is called) the post itself, timed.
 */
async function preparedSignIn(
  baseUrl: string,
  email: string,
  password: string,
  ip: string,
): Promise<() => Promise<Attempt>> {
  const headers = { "x-forwarded-for": ip };
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return async () => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { ...headers, cookie: cookieHeader(csrf), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password, csrfToken }),
    });
    await response.arrayBuffer();
    const signedIn = response.status === 302 && !/error=/.test(response.headers.get("location") ?? "");
    return { status: signedIn ? 200 : response.status, ms: performance.now() - started };
  };
}

/** Runs the flood `runs` times against `baseUrl`, where `person` has an account. */
async function floodRuns(baseUrl: string, person: { email: string; password: string }, runs: number) {
  const legitimate: Attempt[] = [];
  const refusedAtOnce: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    // Every CSRF token first, so that the flood's posts arrive together, as an attacker's would.
    const flood = await Promise.all(
      Array.from({ length: FLOOD }, (_, i) =>
        preparedSignIn(baseUrl, `nobody-${randomUUID()}@example.test`, PASSWORD, `198.18.${run}.${i + 1}`),
      ),
    );
    const legitimatePost = await preparedSignIn(baseUrl, person.email, person.password, `203.0.113.${run + 1}`);
    const answers = flood.map((post) => post());
    await new Promise((resolve) => setTimeout(resolve, 100)); // the flood's posts are in
    legitimate.push(await legitimatePost());
    refusedAtOnce.push((await Promise.all(answers)).filter((attempt) => attempt.status === 503).length);
  }
  return { legitimate, refusedAtOnce };
}

export async function signInDuringFlood(env: Record<string, string>): Promise<Figure[]> {
  const app = await startApp({ seed: false, env: { ...env, TRUSTED_PROXY: "1", SIGNIN_FAILURES_PER_IP: "1000000" } });
  try {
    const person = {
      name: "Flood Bench",
      email: `flood-bench-${randomUUID().slice(0, 8)}@example.com`,
      password: PASSWORD,
    };
    await signUpDirect(person, app.url);
    const { legitimate, refusedAtOnce } = await floodRuns(app.url, person, settings.runs);
    return [
      figure(
        `a legitimate sign-in while ${FLOOD} attempts at unknown emails are in flight: time to its answer`,
        "ms",
        legitimate.map((attempt) => attempt.ms),
      ),
      figure(
        `… runs (of ${legitimate.length}) in which it let the person in; in the others it answered 503 busy`,
        "runs",
        [legitimate.filter((attempt) => attempt.status === 200).length],
      ),
      figure(
        `attempts of the flood answered 503 busy at once (of ${FLOOD}; the queue takes ${MAX_QUEUE_WAIT_MS / 1000} s of work)`,
        "attempts",
        refusedAtOnce,
      ),
    ];
  } finally {
    await app.stop();
  }
}
