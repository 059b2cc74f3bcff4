// `npm start`: the production server — Next.js's own request handler behind a plain Node HTTP server, plus the
// one thing `next start` cannot do: tell the app which address a request came from. Next.js keeps whatever
// X-Forwarded-For a client sends and gives route code no socket, so with `next start` a client could choose the
// IP it is throttled under. This entry appends the socket's address to X-Forwarded-For, exactly as a reverse
// proxy does, before Next.js sees the request; src/lib/server/client-ip.ts counts the entries from the right
// (TRUSTED_PROXY in .env.example). Plain JavaScript, so it runs without a build step or dev dependencies.
//
//   npm start                                       port 3000 (or PORT), every interface
//   npm start -- --port 4000 --hostname 127.0.0.1
import { createServer } from "node:http";
import { parseArgs } from "node:util";

const { values: flags } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
});
const port = Number(flags.port ?? process.env.PORT ?? 3000);
const hostname = flags.hostname; // undefined: every interface, as `next start` does

// Set before Next.js loads, as `next start` does.
process.env.NODE_ENV = "production";
// The app refuses to start in production without this mark unless TRUSTED_PROXY=vercel
// (src/instrumentation-node.ts): without this entry, the client's IP would be the client's to choose.
globalThis[Symbol.for("edge-jwt-auth.socket-address-forwarded")] = true;

const { default: next } = await import("next");
const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  const peer = request.socket.remoteAddress ?? "unknown";
  const forwarded = request.headers["x-forwarded-for"];
  request.headers["x-forwarded-for"] = forwarded ? `${forwarded}, ${peer}` : peer;
  handle(request, response).catch((error) => {
    console.error(`Failed to handle ${request.method} ${request.url}:`, error);
    if (!response.headersSent) response.statusCode = 500;
    response.end();
  });
});

server.listen(port, hostname, () => console.log(`▲ Ready on http://${hostname ?? "localhost"}:${port}`));

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    server.close();
    server.closeIdleConnections(); // kept-alive sockets would otherwise hold the exit for keepAliveTimeout (5 s)
    app.close().finally(() => process.exit(0));
  });
}
