// What really runs for each kind of request — Auth.js callbacks and the app's own auth steps, on the Edge or on
// Node, in order, how often, and with how many database statements — traced on a production server started with
// AUTH_TRACE=true. docs/flow.md is rendered from it; this test fails while the committed file differs.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { computeCacheBustingSearchParam } from "next/dist/shared/lib/router/utils/cache-busting-search-param";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { newPerson, startApp, type RunningApp } from "../support/app";
import { FLOW_DOC, REGENERATE, renderFlowDoc } from "../support/flow-doc";
import { timesRun, totalStatements, type FlowKind, type FlowStep } from "../support/flow-model";
import { CookieJar, FlowRecorder, PAGE_LOAD, type TracedRequest } from "../support/flow-trace";
import { actionFields, signUpDirect } from "../support/http-session";
import { ageCookieHeader } from "../support/session-clock";

const ROOT = path.resolve(import.meta.dirname, "../..");
const REVALIDATE_SECONDS = 300; // the default bound

let app: RunningApp;
let recorder: FlowRecorder;
const kinds = new Map<string, FlowKind>();
const person = newPerson("Flow Tracer");

beforeAll(async () => {
  app = await startApp({ env: { AUTH_TRACE: "true", AUTH_REVALIDATE_SECONDS: String(REVALIDATE_SECONDS) } });
  recorder = new FlowRecorder(app);
}, 120_000); // seeding and starting a server of its own, on a machine that may be busy

afterAll(async () => {
  // The model as traced, for reading when an assertion here fails.
  writeFileSync(path.join(ROOT, "tests/.artifacts/auth-flow.json"), JSON.stringify([...kinds.values()], null, 2));
  await app?.stop();
});

/** Sends the requests of one kind in turn (each may depend on the answer before) and keeps its model. */
async function record(
  title: string,
  about: string,
  requests: (send: (request: TracedRequest) => Promise<Response>) => Promise<void>,
): Promise<FlowKind> {
  const kind: FlowKind = { title, about, hops: [] };
  await requests(async (request) => {
    const { response, hop } = await recorder.send(request);
    kind.hops.push(hop);
    return response;
  });
  kinds.set(title, kind);
  return kind;
}

/** A browser without JavaScript posting a page's form (its server action, by the hidden $ACTION fields). */
async function formPost(pagePath: string, fields: Array<[string, string]>, jar: CookieJar): Promise<RequestInit> {
  const body = new FormData();
  for (const [name, value] of [...(await actionFields(pagePath, jar.header(), app.url)), ...fields])
    body.append(name, value);
  return { method: "POST", body, headers: { origin: app.url } };
}

/** Auth.js's CSRF token, its cookie kept in `jar` (fetched outside any traced request). */
async function csrfToken(jar: CookieJar): Promise<string> {
  const response = await fetch(`${app.url}/api/auth/csrf`, { headers: { cookie: jar.header() } });
  jar.take(response);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

/**
 * A signed-in cookie jar for `person`, their account made (and its address verified) on first use, outside any
 * traced request: the sign-up and the verification link are not part of the flows this file documents.
 */
let account: Promise<CookieJar> | undefined;
function signedIn(): Promise<CookieJar> {
  account ??= signUpDirect(person, app.url).then(
    (setCookies) => new CookieJar(setCookies.map((header) => header.split(";")[0]).join("; ")),
  );
  return account.then((jar) => new CookieJar(jar.header()));
}

/**
 * What Next's router sends for a client-side navigation from /dashboard to `to`: an RSC request carrying the
 * router's tree of the page it is on (segment, children, url, refresh), and its cache-busting `_rsc` hash.
 */
async function clientNavigation(to: string): Promise<{ path: string; headers: Record<string, string> }> {
  const dashboard = ["dashboard", { children: ["__PAGE__", {}, null, null] }, null, null];
  const tree = encodeURIComponent(
    JSON.stringify(["", { children: ["(signed-in)", { children: dashboard }, null, null] }, null, null]),
  );
  const headers = {
    rsc: "1",
    "next-router-state-tree": tree,
    accept: "*/*",
    "sec-fetch-dest": "empty",
    "sec-fetch-mode": "cors",
  };
  return { path: `${to}?_rsc=${await computeCacheBustingSearchParam(undefined, undefined, tree, undefined)}`, headers };
}

const stepsNamed = (kind: FlowKind, step: string): FlowStep[] =>
  kind.hops.flatMap((hop) => hop.steps.filter((s) => s.step === step));

describe("the auth flow, traced", () => {
  it("signed-out page: the guard redirects a protected page to sign-in without Auth.js, and the sign-in page reads no session", async () => {
    const kind = await record(
      "Signed-out visit to a protected page",
      "A browser without a session opens `/dashboard`, is sent to sign in, and loads the sign-in page.",
      async (send) => {
        await send({
          label: "GET /dashboard (page load, no cookie)",
          path: "/dashboard",
          init: { headers: PAGE_LOAD },
        });
        await send({
          label: "GET /login?callbackUrl=%2Fdashboard (page load)",
          path: "/login?callbackUrl=%2Fdashboard",
          init: { headers: PAGE_LOAD },
        });
      },
    );
    expect(kind.hops[0]!.answer).toBe("307 → /login?callbackUrl=%2Fdashboard");
    expect(timesRun(kind, "jwt") + timesRun(kind, "session")).toBe(0);
    expect(totalStatements(kind)).toBe(0);
  });

  it("signed-in page, fresh token: 0 statements, no Auth.js callback anywhere, the token read directly", async () => {
    const jar = await signedIn();
    const kind = await record(
      "Signed-in page load, fresh token",
      "A signed-in browser loads `/dashboard` with a token checked against the database within `AUTH_REVALIDATE_SECONDS`.",
      async (send) =>
        void (await send({
          label: "GET /dashboard (page load)",
          path: "/dashboard",
          init: { headers: PAGE_LOAD },
          jar,
        })),
    );
    expect(kind.hops[0]!.answer).toBe("200");
    expect(totalStatements(kind)).toBe(0);
    expect(timesRun(kind, "jwt") + timesRun(kind, "session")).toBe(0);
    expect(stepsNamed(kind, "token read").map((step) => step.detail)).toEqual(["token: fresh"]);
    expect(stepsNamed(kind, "currentSession").map((step) => step.detail)).toEqual(["token: fresh: read directly"]);
  });

  it("page load, stale token: the guard sends it to /session/refresh, Node re-checks it once, and the page loads fresh", async () => {
    const jar = new CookieJar(await ageCookieHeader((await signedIn()).header(), app.secret, REVALIDATE_SECONDS + 1));
    const kind = await record(
      "Page load with a stale token",
      `The token's \`checkedAt\` is older than \`AUTH_REVALIDATE_SECONDS\` (${REVALIDATE_SECONDS} s here). The Edge guard does not decide from it: it sends the page load through the Node runtime, which re-checks and writes a fresh cookie, and back.`,
      async (send) => {
        const first = await send({
          label: "GET /dashboard (page load, stale token)",
          path: "/dashboard",
          init: { headers: PAGE_LOAD },
          jar,
        });
        const location = new URL(first.headers.get("location")!, app.url);
        const refresh = await send({
          label: "GET /session/refresh?callbackUrl=%2Fdashboard (page load)",
          path: `${location.pathname}${location.search}`,
          init: { headers: PAGE_LOAD },
          jar,
        });
        expect(refresh.headers.get("location")).toBe("/dashboard");
        await send({
          label: "GET /dashboard (page load, refreshed token)",
          path: "/dashboard",
          init: { headers: PAGE_LOAD },
          jar,
        });
      },
    );
    expect(kind.hops.map((hop) => hop.answer)).toEqual([
      "307 → /session/refresh?callbackUrl=%2Fdashboard",
      "303 → /dashboard; sets the session cookie",
      "200",
    ]);
    expect(timesRun(kind, "revalidate", "Node")).toBe(1);
    expect(stepsNamed(kind, "revalidate")[0]).toMatchObject({ detail: "reason: stale, session: kept", statements: 1 });
    expect(totalStatements(kind)).toBe(1);
    expect(kind.hops[2]!.steps.find((step) => step.step === "currentSession")?.detail).toBe(
      "token: fresh: read directly",
    );
  });

  it("client navigation, fresh and stale: the guard never redirects an RSC request; a stale one is re-checked on Node", async () => {
    const jar = await signedIn();
    const fresh = await clientNavigation("/profile");
    const kind = await record(
      "Client navigation (RSC request), fresh token",
      "Next's router fetches `/profile` from `/dashboard` (headers `RSC: 1`, `Next-Router-State-Tree`).",
      async (send) =>
        void (await send({ label: "GET /profile (RSC)", path: fresh.path, init: { headers: fresh.headers }, jar })),
    );
    expect(kind.hops[0]!.answer).toBe("200");
    expect(totalStatements(kind)).toBe(0);
    expect(timesRun(kind, "jwt")).toBe(0);

    const staleJar = new CookieJar(await ageCookieHeader(jar.header(), app.secret, REVALIDATE_SECONDS + 1));
    const stale = await record(
      "Client navigation (RSC request), stale token",
      "The same navigation with a stale token: an RSC request cannot follow a redirect to `/session/refresh`, so the guard lets it through and the server-side check re-checks the token through `auth()`.",
      async (send) =>
        void (await send({
          label: "GET /profile (RSC, stale token)",
          path: fresh.path,
          init: { headers: fresh.headers },
          jar: staleJar,
        })),
    );
    expect(stepsNamed(stale, "guard decision").map((step) => step.detail)).toEqual(["decision: allow"]);
    expect(timesRun(stale, "revalidate")).toBe(1);
  });

  it("GET /api/auth/session and GET /api/me: 0 statements; only Auth.js's endpoint runs its callbacks", async () => {
    const jar = await signedIn();
    const session = await record(
      "`GET /api/auth/session`",
      "What `useSession()` fetches. The middleware does not run for Auth.js's own routes; Auth.js decrypts the cookie, runs its callbacks and re-sets the cookie (rolling expiry).",
      async (send) => void (await send({ label: "GET /api/auth/session", path: "/api/auth/session", jar })),
    );
    expect(totalStatements(session)).toBe(0);
    expect(timesRun(session, "jwt", "Node")).toBe(1);
    expect(timesRun(session, "session", "Node")).toBe(1);

    const me = await record(
      "`GET /api/me`",
      "A JSON API route behind the guard, checked again on the server.",
      async (send) => {
        const response = await send({ label: "GET /api/me", path: "/api/me", jar });
        expect(response.status).toBe(200);
      },
    );
    expect(totalStatements(me)).toBe(0);
    expect(timesRun(me, "jwt")).toBe(0);
  });

  it("sign-in by the form (server action) and by the API: authorize once, then jwt with trigger signIn", async () => {
    await signedIn(); // the account exists
    const formJar = new CookieJar();
    const form = await formPost(
      "/login",
      [
        ["email", person.email],
        ["password", person.password],
      ],
      formJar,
    );
    const byForm = await record(
      "Sign-in by the form (server action)",
      "The sign-in form posted without JavaScript (with JavaScript the same action runs, and answers with where to go instead of redirecting).",
      async (send) =>
        void (await send({ label: "POST /login (server action)", path: "/login", init: form, jar: formJar })),
    );
    expect(byForm.hops[0]!.answer).toBe("303 → /dashboard; sets the session cookie");
    expect(timesRun(byForm, "authorize")).toBe(1);
    expect(stepsNamed(byForm, "jwt").map((step) => step.detail)).toContain("trigger: signIn");

    const apiJar = new CookieJar();
    const csrf = await csrfToken(apiJar);
    const byApi = await record(
      "Sign-in by the API",
      'Auth.js\'s credentials endpoint, as `signIn("credentials")` from `next-auth/react` posts to it (the CSRF token fetched first, not shown).',
      async (send) => {
        const body = new URLSearchParams({
          email: person.email,
          password: person.password,
          csrfToken: csrf,
          callbackUrl: "/dashboard",
        });
        const headers = { "content-type": "application/x-www-form-urlencoded" };
        await send({
          label: "POST /api/auth/callback/credentials",
          path: "/api/auth/callback/credentials",
          init: { method: "POST", body, headers },
          jar: apiJar,
        });
      },
    );
    expect(byApi.hops[0]!.answer).toBe("302 → http://localhost:<port>/dashboard; sets the session cookie");
    expect(timesRun(byApi, "authorize")).toBe(1);
    expect(stepsNamed(byApi, "authorize")[0]!.statements).toBe(stepsNamed(byForm, "authorize")[0]!.statements);
  });

  it("a server action and update(): the action re-reads the person; update() with data re-checks the token once", async () => {
    const jar = await signedIn();
    const save = await formPost(
      "/profile",
      [
        ["name", person.name],
        ["image", ""],
      ],
      jar,
    );
    const action = await record(
      "Server action: saving the profile",
      "The profile form posted without JavaScript. The action re-checks the person against the database, saves, and refreshes the token on the server (`unstable_update`).",
      async (send) => void (await send({ label: "POST /profile (server action)", path: "/profile", init: save, jar })),
    );
    expect(timesRun(action, "verifiedUser")).toBe(1);
    expect(stepsNamed(action, "revalidate").map((step) => step.detail)).toEqual(["reason: update, session: kept"]);

    const plain = await record(
      "`update()` from the profile form",
      "After a successful save the profile form calls `update()` with no data, which next-auth's client sends as a plain `GET /api/auth/session`: a read, no database check (the action already refreshed the token).",
      async (send) =>
        void (await send({
          label: "GET /api/auth/session (update() without data)",
          path: "/api/auth/session",
          init: { headers: { "content-type": "application/json" } },
          jar,
        })),
    );
    expect(totalStatements(plain)).toBe(0);
    expect(timesRun(plain, "revalidate")).toBe(0);

    const csrf = await csrfToken(jar);
    const withData = await record(
      "`update(data)`: `POST /api/auth/session`",
      "`update()` called with data posts it with the CSRF token. The jwt callback never reads that data: it re-reads the person from the database.",
      async (send) => {
        const body = JSON.stringify({ csrfToken: csrf, data: { name: "ignored" } });
        await send({
          label: "POST /api/auth/session",
          path: "/api/auth/session",
          init: { method: "POST", body, headers: { "content-type": "application/json" } },
          jar,
        });
      },
    );
    expect(stepsNamed(withData, "jwt").map((step) => step.detail)).toEqual(["trigger: update"]);
    expect(timesRun(withData, "revalidate")).toBe(1);
    expect(totalStatements(withData)).toBe(1);
  });

  it("sign-out: Auth.js's endpoint clears the cookie and revokes the device session (revoke + event: 2 statements)", async () => {
    const jar = await signedIn();
    const csrf = await csrfToken(jar);
    const kind = await record(
      "Sign-out",
      "The Sign out button with JavaScript: `signOut()` from `next-auth/react` posts to Auth.js's endpoint and is told where to go.",
      async (send) => {
        const body = new URLSearchParams({ csrfToken: csrf, callbackUrl: "/" });
        const headers = { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" };
        await send({
          label: "POST /api/auth/signout",
          path: "/api/auth/signout",
          init: { method: "POST", body, headers },
          jar,
        });
      },
    );
    expect(kind.hops[0]!.answer).toContain("clears the session cookie");
    expect(kind.hops[0]!.steps.map(({ step }) => step)).toContain("events.signOut");
    expect(totalStatements(kind)).toBe(2);
  });

  it("docs/flow.md is what the trace produces", () => {
    expect(
      kinds.size,
      "every kind of request must be traced before the document is rendered (run the whole file)",
    ).toBe(13);
    const expected = renderFlowDoc({
      kinds: [...kinds.values()],
      signIn: kinds.get("Sign-in by the form (server action)")!,
      staleRefresh: kinds.get("Page load with a stale token")!,
    });
    const file = path.join(ROOT, FLOW_DOC);
    if (process.env.UPDATE_FLOW_DOC === "true") writeFileSync(file, expected);
    let committed = "";
    try {
      committed = readFileSync(file, "utf8");
    } catch {
      // missing: reported by the comparison below
    }
    expect(committed, `${FLOW_DOC} differs from what the trace produces: run \`${REGENERATE}\` and commit it`).toBe(
      expected,
    );
  });
});
