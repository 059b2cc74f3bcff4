// what a 9 MB password costs the server. It is posted to the credentials API (CSRF token and all, as
// a script would) while another client asks GET /api/health every 10 ms; reported: how long the refusal took, and
// the slowest health answer meanwhile — how long the request thread was held. Before the body and field caps, the
// password was normalised and encoded whole (about a second of the request thread here).
import { cookieHeader } from "@tests/support/http-session";

import { settings } from "../lib/settings";
import { figure, type Figure } from "../lib/stats";

const PASSWORD_BYTES = 9_000_000;

export async function oversizedPassword(baseUrl: string): Promise<Figure[]> {
  const refusals: number[] = [];
  const slowestHealth: number[] = [];
  const statuses = new Set<number>();
  for (let run = 0; run < settings.runs; run += 1) {
    const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const body = new URLSearchParams({ email: "someone@example.com", password: "a".repeat(PASSWORD_BYTES), csrfToken });

    let posting = true;
    let slowest = 0;
    const pinging = (async () => {
      while (posting) {
        const started = performance.now();
        await (await fetch(`${baseUrl}/api/health`)).arrayBuffer();
        slowest = Math.max(slowest, performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    const started = performance.now();
    const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: cookieHeader(csrf), "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    await response.arrayBuffer();
    refusals.push(performance.now() - started);
    statuses.add(response.status);
    posting = false;
    await pinging;
    slowestHealth.push(slowest);
  }
  const answered = [...statuses].join(", ");
  return [
    figure(`a 9 MB password posted to the credentials API: time to its answer (HTTP ${answered})`, "ms", refusals),
    figure("slowest GET /api/health meanwhile (pinged every 10 ms)", "ms", slowestHealth),
  ];
}
