// Many clients on one machine. Linux routes all of 127.0.0.0/8 to the loopback interface, so a request can leave
// from 127.0.0.2, 127.0.0.3, … and the server's socket sees each as a different client — which is what testing
// "whose address is this?" needs. Plus a real reverse proxy that appends its peer to X-Forwarded-For, as nginx's
// $proxy_add_x_forwarded_for does.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** An HTTP request whose socket leaves from `localAddress` (a 127.x.y.z address). */
function sendFrom(
  localAddress: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: init.method ?? "GET", headers: init.headers, localAddress, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(init.body);
  });
}

/** The `name=value` pairs of a reply's Set-Cookie headers, as a Cookie header (like a browser: the last of each name). */
export function cookiesOf(reply: Reply): string {
  const pairs = new Map(
    (reply.headers["set-cookie"] ?? []).map(
      (cookie) => (cookie.split(";")[0] ?? "").split(/=(.*)/s) as [string, string],
    ),
  );
  return [...pairs].map(([name, value]) => `${name}=${value}`).join("; ");
}

/** One sign-in attempt through Auth.js's credentials endpoint (CSRF token first), from `localAddress`. */
export async function signInFrom(
  localAddress: string,
  baseUrl: string,
  credentials: { email: string; password: string },
  forwardedFor?: string,
): Promise<Reply> {
  const extra: Record<string, string> = forwardedFor ? { "x-forwarded-for": forwardedFor } : {};
  const csrf = await sendFrom(localAddress, `${baseUrl}/api/auth/csrf`, { headers: extra });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const body = new URLSearchParams({ ...credentials, csrfToken }).toString();
  return sendFrom(localAddress, `${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: {
      ...extra,
      cookie: cookiesOf(csrf),
      "content-type": "application/x-www-form-urlencoded",
      "content-length": String(Buffer.byteLength(body)),
    },
    body,
  });
}

export interface Proxy {
  url: string;
  stop(): Promise<void>;
}

/** A reverse proxy on a free loopback port: forwards everything to `target`, appending its peer to X-Forwarded-For. */
export async function startForwardingProxy(target: string): Promise<Proxy> {
  const server = http.createServer((incoming, outgoing) => {
    const forwarded = incoming.headers["x-forwarded-for"];
    const peer = incoming.socket.remoteAddress ?? "";
    const headers = { ...incoming.headers, "x-forwarded-for": forwarded ? `${forwarded}, ${peer}` : peer };
    const upstream = http.request(
      `${target}${incoming.url}`,
      { method: incoming.method, headers, agent: false },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on("error", () => outgoing.writeHead(502).end());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
