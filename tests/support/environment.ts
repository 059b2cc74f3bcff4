// What the test run can reach on this machine. Used by vitest.config.ts to decide which runs to include.
import { existsSync } from "node:fs";
import net from "node:net";

/** A superuser URL of the PostgreSQL server the integration run creates its own databases on. */
export function postgresAdminUrl(): string {
  return process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate));
}

export function serverReachable(url: string, timeoutMs = 1_000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname.replace(/^\[(.*)\]$/, "$1"), port: Number(port || 5432) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** true when available; otherwise a loud notice — or, under CI=true, an error that fails the run. */
export function requireOrWarn(available: boolean, notice: string): boolean {
  if (available) return true;
  if (process.env.CI === "true") throw new Error(`CI=true and ${notice.replace(/SKIPPED.*/, "cannot run")}`);
  const bar = "!".repeat(100);
  console.warn(`\n${bar}\n!! ${notice}\n${bar}\n`);
  return false;
}
