import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";

import { acquireRelay, type RelayLease } from "./relay";

// An echo server stands in for Postgres: the relay must carry bytes both ways, untouched.
async function echoServer(): Promise<{ port: number; close(): void }> {
  const server = net.createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as net.AddressInfo).port, close: () => server.close() };
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

const leases: RelayLease[] = [];
afterEach(async () => {
  await Promise.all(leases.splice(0).map((lease) => lease.release()));
});

describe("relay", () => {
  it("carries bytes to the registered target and back", async () => {
    const echo = await echoServer();
    const lease = await acquireRelay({ host: "127.0.0.1", port: echo.port });
    leases.push(lease);
    const ws = await open(`ws://127.0.0.1:${lease.port}/v2?address=127.0.0.1:${echo.port}`);
    const reply = new Promise<Buffer>((resolve) => ws.once("message", (data) => resolve(data as Buffer)));
    ws.send(Buffer.from([0, 1, 2, 255]));
    expect([...(await reply)]).toEqual([0, 1, 2, 255]);
    ws.close();
    echo.close();
  });

  it("is not an open proxy: any other address is refused", async () => {
    const echo = await echoServer();
    const lease = await acquireRelay({ host: "127.0.0.1", port: echo.port });
    leases.push(lease);
    const ws = await open(`ws://127.0.0.1:${lease.port}/v2?address=127.0.0.1:22`);
    const code = await new Promise<number>((resolve) => ws.once("close", (closeCode) => resolve(closeCode)));
    expect(code).toBe(1008);
    echo.close();
  });

  it("listens on loopback only, and stops when the last lease is released", async () => {
    const lease = await acquireRelay({ host: "127.0.0.1", port: 5432 });
    const again = await acquireRelay({ host: "127.0.0.1", port: 5432 });
    expect(again.port).toBe(lease.port);
    await lease.release();
    await open(`ws://127.0.0.1:${again.port}/`).then((ws) => ws.terminate()); // still up for the second lease
    await again.release();
    await expect(open(`ws://127.0.0.1:${again.port}/`)).rejects.toThrow(/ECONNREFUSED/);
  });
});
