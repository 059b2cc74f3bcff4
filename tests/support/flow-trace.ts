// Sends requests to a server started with AUTH_TRACE=true, one at a time, and reads back from its output what each
// one ran (./flow-model.ts). One at a time, because the statements a request sent are counted from the server's
// whole log between its start and its end, as the other browser tests count them.
import { randomUUID } from "node:crypto";
import { readFileSync, statSync } from "node:fs";

import { readsOf, routeFor } from "@/config/routes";
import { TRACE_HEADER } from "@/lib/edge/auth-trace";

import { queryCountIn, type RunningApp } from "./app-server";
import { stepsOf, traceEvents, type FlowHop } from "./flow-model";

/** The cookies a client holds, updated from each answer's Set-Cookie headers as a browser would. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  constructor(header = "") {
    for (const pair of header.split("; ").filter(Boolean)) {
      const [name = "", value = ""] = pair.split(/=(.*)/s);
      this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** Takes the answer's cookies in; says what it did to the session cookie. */
  take(response: Response): "sets the session cookie" | "clears the session cookie" | null {
    let effect: "sets the session cookie" | "clears the session cookie" | null = null;
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = setCookie.split(";");
      const [name = "", value = ""] = pair.split(/=(.*)/s);
      const cleared =
        value === "" ||
        attributes.some(
          (attribute) => /^\s*max-age=0\s*$/i.test(attribute) || /expires=thu, 01 jan 1970/i.test(attribute),
        );
      if (cleared) this.cookies.delete(name);
      else this.cookies.set(name, value);
      if (name.includes("session-token")) effect = cleared ? "clears the session cookie" : "sets the session cookie";
    }
    return effect;
  }
}

/** Headers of a browser loading a page (what the Edge guard tells from a client navigation). */
export const PAGE_LOAD = {
  accept: "text/html,application/xhtml+xml",
  "sec-fetch-dest": "document",
  "sec-fetch-mode": "navigate",
};

export interface TracedRequest {
  /** How the request is named in the document, e.g. `GET /dashboard (page load)`. */
  label: string;
  path: string;
  init?: RequestInit;
  jar?: CookieJar;
}

export interface TracedAnswer {
  response: Response;
  body: string;
  hop: FlowHop;
}

/**
 * The statements a route sends for its own content, which the route table declares (`reads`): left out of the
 * trace, which is about what auth costs, so a fork that shows more on a page changes its declaration, not this doc.
 * tests/e2e/zero-queries.test.ts counts them instead. Only a GET that the route answered itself (200) ran them.
 */
function ownReads(path: string, init: RequestInit, response: Response): number {
  if ((init.method ?? "GET") !== "GET" || response.status !== 200) return 0;
  return readsOf(routeFor(new URL(path, "http://x").pathname));
}

export class FlowRecorder {
  constructor(private readonly app: RunningApp) {}

  /** Sends one request with a trace id of its own and returns what it ran. */
  async send({ label, path, init = {}, jar }: TracedRequest): Promise<TracedAnswer> {
    await this.quiet();
    const id = randomUUID();
    const offset = statSync(this.app.logFile).size;
    const queriesBefore = queryCountIn(this.app.logFile);
    const headers = new Headers(init.headers);
    headers.set(TRACE_HEADER, id);
    if (jar?.header()) headers.set("cookie", jar.header());
    const response = await fetch(`${this.app.url}${path}`, { ...init, headers, redirect: "manual" });
    const body = await response.text();
    await this.quiet();

    const output = readFileSync(this.app.logFile).subarray(offset).toString("utf8");
    const events = traceEvents(output);
    const strangers = events.filter((event) => event.id !== id);
    // Each request runs alone, so every event in its stretch of output must carry its id: one without means a
    // step the tracer could not tie to its request.
    if (strangers.length)
      throw new Error(`${label}: trace events without this request's id: ${JSON.stringify(strangers)}`);
    const cookie = jar?.take(response) ?? null;
    return {
      response,
      body,
      hop: {
        request: label,
        answer: [this.answerOf(response), cookie].filter(Boolean).join("; "),
        middleware: events.some((event) => event.runtime === "edge"),
        steps: stepsOf(events),
        statements: queryCountIn(this.app.logFile) - queriesBefore - ownReads(path, init, response),
      },
    };
  }

  /** The status, and where a redirect goes: as a path, never the test server's origin and port. */
  private answerOf(response: Response): string {
    const location = response.headers.get("location");
    if (!location) return String(response.status);
    const target = new URL(location, this.app.url);
    const app = new URL(this.app.url);
    // Same origin: the path alone. Another loopback host on the same port: said so, the port left out.
    let where = target.origin === app.origin ? `${target.pathname}${target.search}` : location;
    if (target.origin !== app.origin && target.port === app.port) where = where.replace(`:${app.port}`, ":<port>");
    return `${response.status} → ${where}`;
  }

  /** Waits until the server has written everything about the last request (its log stops growing). */
  private async quiet(): Promise<void> {
    let size = statSync(this.app.logFile).size;
    for (let still = 0; still < 3;) {
      await new Promise((resolve) => setTimeout(resolve, 40));
      const now = statSync(this.app.logFile).size;
      still = now === size ? still + 1 : 0;
      size = now;
    }
  }
}
