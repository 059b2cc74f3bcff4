import net from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";

// A "database" that accepts connections and then never says a word: the worst case for a health check.
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function healthWith(databaseUrl: string) {
  vi.resetModules();
  vi.stubEnv("DATABASE_URL", databaseUrl);
  const { GET } = await import("./route");
  const { closeDb } = await import("@/db");
  return { GET, closeDb };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("GET /api/health when the database is unreachable", () => {
  it("answers 503 within about 2 s when the database never answers", async () => {
    const silent = await silentServer();
    const { GET, closeDb } = await healthWith(`postgres://postgres@127.0.0.1:${silent.port}/app`);
    const started = performance.now();
    const response = await GET();
    const elapsed = performance.now() - started;
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "degraded", db: "down" });
    expect(elapsed).toBeGreaterThanOrEqual(1_900);
    expect(elapsed).toBeLessThan(4_000);
    await silent.close();
    await closeDb();
  });

  it("answers 503 at once when nothing listens, with no stack trace in the body", async () => {
    const closed = await silentServer();
    await closed.close(); // the port is now free: connections are refused
    const { GET, closeDb } = await healthWith(`postgres://postgres@127.0.0.1:${closed.port}/app`);
    const response = await GET();
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('{"status":"degraded","db":"down"}');
    expect(response.headers.get("cache-control")).toBe("no-store");
    await closeDb();
  });
});
