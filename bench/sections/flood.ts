// Figure 9: a legitimate sign-in during a flood. FLOOD sign-in attempts at unknown emails, each from an address of
// its own — nothing per-IP stops them; the bench stands in for a reverse proxy (TRUSTED_PROXY=1, a new
// X-Forwarded-For entry each time) — and, once they are all sent, one person signing in with the right password.
// What that person sees: how long the answer took, and whether it let them in or said "busy" at once. Before the
// hashing queue was bounded, their attempt waited behind every attempt of the flood.
import { randomUUID } from "node:crypto";
import { startApp } from "../../tests/support/app-server";
import { cookieHeader, signUpDirect } from "../../tests/support/http-session";
import { settings } from "../lib/settings";
import { figure, none, type Figure } from "../lib/stats";

const FLOOD = Number(process.env.BENCH_FLOOD ?? 40);
const PASSWORD = "flood bench person's passphrase";

interface Attempt {
  status: number;
  ms: number;
}

/** One sign-in through Auth.js's credentials endpoint, as a client behind one proxy at `ip`; timed from the post. */
export async function signInAs(baseUrl: string, email: string, password: string, ip: string): Promise<Attempt> {
  const headers = { "x-forwarded-for": ip };
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
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
}

/** Runs the flood `runs` times against `baseUrl`, where `person` has an account. */
export async function floodRuns(baseUrl: string, person: { email: string; password: string }, runs: number) {
  const legitimate: Attempt[] = [];
  const refusedAtOnce: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const flood = Array.from({ length: FLOOD }, (_, i) => signInAs(baseUrl, `nobody-${randomUUID()}@example.test`, PASSWORD, `198.18.${run}.${i + 1}`));
    await new Promise((resolve) => setTimeout(resolve, 200)); // every attempt of the flood is on its way
    legitimate.push(await signInAs(baseUrl, person.email, person.password, `203.0.113.${run + 1}`));
    refusedAtOnce.push((await Promise.all(flood)).filter((attempt) => attempt.status === 503).length);
  }
  return { legitimate, refusedAtOnce };
}

export async function signInDuringFlood(env: Record<string, string>): Promise<Figure[]> {
  const app = await startApp({ seed: false, env: { ...env, TRUSTED_PROXY: "1", SIGNIN_FAILURES_PER_IP: "1000000" } });
  try {
    const person = { name: "Flood Bench", email: `flood-bench-${randomUUID().slice(0, 8)}@example.com`, password: PASSWORD };
    await signUpDirect(person, app.url);
    const { legitimate, refusedAtOnce } = await floodRuns(app.url, person, settings.runs);
    return [
      figure(`a legitimate sign-in while ${FLOOD} attempts at unknown emails are in flight: time to its answer`, "ms", legitimate.map((attempt) => attempt.ms)),
      figure("… of which let the person in (the rest: 503 busy, at once)", "runs", [legitimate.filter((attempt) => attempt.status === 200).length], none),
      figure(`attempts of the flood answered 503 busy at once (of ${FLOOD})`, "attempts", refusedAtOnce),
    ];
  } finally {
    await app.stop();
  }
}
