// A loopback WebSocket-to-TCP relay, so that the Neon serverless driver — which speaks the Postgres wire protocol
// over WebSocket, as it does to Neon's own proxy — can reach an ordinary PostgreSQL server. Production never
// needs it (Neon terminates the WebSocket itself); tests and developers with a local Postgres get the very same
// driver path as production instead of a different driver.
//
// One relay per process (the driver's `neonConfig.wsProxy` is process-wide), listening on 127.0.0.1 on an
// ephemeral port. It relays only to the targets its users registered, so it is never an open proxy, and it
// stops when the last of them releases it.
import net from "node:net";
import { WebSocketServer, type RawData } from "ws";

export interface RelayLease {
  port: number;
  release(): Promise<void>;
}

interface Relay {
  port: number;
  close(): Promise<void>;
}

/** "host:port" → how many leases want it. Registered before any await, so a lease taken while the last one is
 * being released keeps the relay alive. */
const targets = new Map<string, number>();
let running: Promise<Relay> | undefined;

export async function acquireRelay(target: { host: string; port: number }): Promise<RelayLease> {
  const key = `${target.host}:${target.port}`;
  targets.set(key, (targets.get(key) ?? 0) + 1);
  running ??= startRelay();
  const relay = await running;
  let released = false;
  return {
    port: relay.port,
    async release() {
      if (released) return;
      released = true;
      const left = (targets.get(key) ?? 1) - 1;
      if (left > 0) targets.set(key, left);
      else targets.delete(key);
      if (targets.size === 0 && running) {
        running = undefined;
        await relay.close();
      }
    },
  };
}

async function startRelay(): Promise<Relay> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  const sockets = new Set<net.Socket>();

  wss.on("connection", (ws, request) => {
    // The driver asks for `/v2?address=host:port`.
    const address = new URL(request.url ?? "/", "ws://relay").searchParams.get("address") ?? "";
    const separator = address.lastIndexOf(":");
    if (!targets.has(address) || separator < 0) {
      ws.close(1008, "unknown target");
      return;
    }
    const tcp = net.connect(Number(address.slice(separator + 1)), address.slice(0, separator));
    sockets.add(tcp);
    tcp.setNoDelay(true);
    const pending: Buffer[] = [];

    tcp.on("connect", () => {
      for (const chunk of pending.splice(0)) tcp.write(chunk);
    });
    ws.on("message", (data: RawData) => {
      const chunk = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      if (tcp.connecting) pending.push(chunk);
      else tcp.write(chunk);
    });
    tcp.on("data", (chunk) => ws.send(chunk));
    tcp.on("close", () => {
      sockets.delete(tcp);
      ws.close();
    });
    tcp.on("error", () => ws.terminate());
    ws.on("close", () => tcp.end());
    ws.on("error", () => tcp.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    wss.once("listening", resolve);
    wss.once("error", reject);
  });

  return {
    port: (wss.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
