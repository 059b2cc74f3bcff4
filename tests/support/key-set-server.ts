// A loopback stand-in for the app's /.well-known/jwks.json: every request gets `published()`'s keys as a JWKS, so
// a test (or the benchmark) decides at what time the keyring is asked — a moved clock, not a waited one.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface KeySetServer {
  /** The key set's URL. */
  url: string;
  close(): Promise<void>;
}

export async function serveKeySet(published: () => Promise<unknown[]>): Promise<KeySetServer> {
  const server = createServer((_request, response) => {
    published().then(
      (keys) => response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys })),
      () => response.writeHead(503).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
