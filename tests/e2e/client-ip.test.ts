// Whose address is this? The throttle counts clients by IP, so a client must never choose the IP it is counted
// under — neither to dodge the per-IP limit nor to lock someone else out with it. Two servers of their own, as
// `npm start` runs them: one facing its clients directly (TRUSTED_PROXY unset: the socket's address), one behind a
// real reverse proxy (TRUSTED_PROXY=1). The clients are different loopback addresses (127.0.0.2, …).
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { newPerson, startApp, type RunningApp } from "../support/app";
import { postForm, signUpDirect } from "../support/http-session";
import { signInFrom, startForwardingProxy, type Proxy, type Reply } from "../support/loopback";

const PER_IP = 5;
const unknownEmail = (i: number) => `nobody-${i}-${Date.now()}@example.test`;
const WRONG = "wrong horse battery staple";

let direct: RunningApp;
let proxied: RunningApp;
let proxy: Proxy;

beforeAll(async () => {
  const env = { SIGNIN_FAILURES_PER_IP: String(PER_IP) };
  // Behind the proxy, bcrypt runs at cost 13 (≈ 8× the tests' usual 10): a handful of attempts then fill the
  // 2-second hashing queue, so the flood below keeps it full with a few dozen clients.
  [direct, proxied] = await Promise.all([
    startApp({ env }),
    startApp({ env: { ...env, TRUSTED_PROXY: "1", BCRYPT_COST: "13" } }),
  ]);
  proxy = await startForwardingProxy(proxied.url);
}, 120_000);

afterAll(async () => {
  await proxy?.stop();
  await Promise.all([direct?.stop(), proxied?.stop()]);
});

/** What a sign-in came to: "signed in" (a session cookie), "refused" (wrong email or password), else its status. */
const outcome = (reply: Reply) => {
  const location = String(reply.headers.location);
  if (reply.status === 302 && /error=CredentialsSignin&code=credentials/.test(location)) return "refused";
  if (reply.status === 302 && /authjs\.session-token=/.test(String(reply.headers["set-cookie"]))) return "signed in";
  return reply.status === 302 ? `302 to ${location}` : String(reply.status);
};

describe("npm start facing its clients directly (the socket's address)", () => {
  it(`counts a client that writes a new X-Forwarded-For every time under its own address: ${PER_IP} tries, then 429`, async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < PER_IP + 3; i += 1) {
      outcomes.push(
        outcome(
          await signInFrom("127.0.0.2", direct.url, { email: unknownEmail(i), password: WRONG }, `203.0.113.${i}`),
        ),
      );
    }
    expect(outcomes).toEqual([...Array<string>(PER_IP).fill("refused"), "429", "429", "429"]);
  });

  it("does not let failures sent in someone else's name lock them out", async () => {
    const owner = newPerson();
    await signUpDirect(owner, direct.url);
    // 127.0.0.3 claims to be 127.0.0.4 on every attempt, until its own address is stopped.
    for (let i = 0; i < PER_IP; i += 1) {
      expect(
        outcome(await signInFrom("127.0.0.3", direct.url, { email: unknownEmail(i), password: WRONG }, "127.0.0.4")),
      ).toBe("refused");
    }
    expect(
      outcome(await signInFrom("127.0.0.3", direct.url, { email: owner.email, password: owner.password }, "127.0.0.4")),
    ).toBe("429");
    // The real 127.0.0.4 signs in.
    expect(outcome(await signInFrom("127.0.0.4", direct.url, { email: owner.email, password: owner.password }))).toBe(
      "signed in",
    );
  });
});

describe("npm start behind one reverse proxy (TRUSTED_PROXY=1)", () => {
  it("counts the address the proxy saw, whatever the client wrote before it", async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < PER_IP + 2; i += 1) {
      outcomes.push(
        outcome(
          await signInFrom("127.0.0.5", proxy.url, { email: unknownEmail(i), password: WRONG }, `198.51.100.${i}`),
        ),
      );
    }
    expect(outcomes).toEqual([...Array<string>(PER_IP).fill("refused"), "429", "429"]);
    expect(outcome(await signInFrom("127.0.0.6", proxy.url, { email: unknownEmail(99), password: WRONG }))).toBe(
      "refused",
    );
  });

  it("answers a flood of sign-ins from many addresses with 503 busy at once, not an ever longer queue", async () => {
    const owner = newPerson();
    await signUpDirect(owner, proxy.url, proxied.url); // through the proxy; the mail is the app's
    // Attempts at unknown emails, each from an address of its own (127.1.x.y): no per-IP limit stops them. Forty
    // at a time, for as long as the checks below need, so the hashing queue stays full.
    let flooding = true;
    let sent = 0;
    const replies: Reply[] = [];
    const nextAddress = () => ((n) => `127.1.${n >> 8}.${n & 255}`)((sent += 1));
    const loops = Array.from({ length: 40 }, async () => {
      while (flooding)
        replies.push(await signInFrom(nextAddress(), proxy.url, { email: unknownEmail(sent), password: WRONG }));
    });
    try {
      // The form, meanwhile, says so in words (a try that found a free place signs in; the flood soon fills it).
      let form = "";
      for (let attempt = 0; attempt < 5 && !form.includes("The service is busy."); attempt += 1) {
        while (!replies.some((reply) => reply.status === 503)) await new Promise((resolve) => setTimeout(resolve, 10));
        form = await (
          await postForm(
            "/login",
            [
              ["email", owner.email],
              ["password", owner.password],
            ],
            proxy.url,
          )
        ).text();
      }
      expect(form).toContain("The service is busy. Try again in a moment.");
    } finally {
      flooding = false;
      await Promise.all(loops);
    }

    const busy = replies.filter((reply) => reply.status === 503);
    for (const reply of busy) {
      expect(JSON.parse(reply.body)).toEqual({ error: "busy", message: "The service is busy. Try again in a moment." });
      expect(Number(reply.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    }
    const outcomes = replies.map(outcome);
    expect(outcomes.filter((each) => each !== "refused" && each !== "503")).toEqual([]);
    expect(outcomes.filter((each) => each === "refused").length).toBeGreaterThan(0); // some were admitted and compared
    // Once it has drained, the owner signs in.
    expect(outcome(await signInFrom("127.0.0.7", proxy.url, { email: owner.email, password: owner.password }))).toBe(
      "signed in",
    );
  }, 60_000);
});

describe("next start without server.mjs", () => {
  it("refuses to start in production, with one line saying what to run instead", async () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const server = spawn(
      process.execPath,
      [path.join(root, "node_modules/next/dist/bin/next"), "start", "--port", "0", "--hostname", "127.0.0.1"],
      {
        cwd: root,
        env: {
          ...process.env,
          NODE_ENV: "production",
          AUTH_SECRET: "s".repeat(44),
          DATABASE_URL: "",
          PGLITE_DIR: "memory://",
          AUTH_URL: "http://127.0.0.1",
          SMTP_URL: "smtp://127.0.0.1:9",
        },
      },
    );
    const stuck = setTimeout(() => server.kill("SIGKILL"), 45_000); // never leave it running, whatever happens
    let output = "";
    server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => server.once("exit", resolve));
    clearTimeout(stuck);
    expect(code).toBe(1);
    expect(output).toContain("✖ start the production server with npm start (server.mjs), not next start");
  }, 60_000);
});
