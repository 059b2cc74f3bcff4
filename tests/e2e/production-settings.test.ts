// `npm start` without what a production server needs stops at once, with one line that says what to set — not a
// stack trace, and not a server that runs until the first password reset finds no way to send its mail.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Runs `npm start`'s entry (server.mjs) with `env`; resolves with its exit code and everything it printed. */
function start(env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  const server = spawn(process.execPath, [path.join(ROOT, "server.mjs"), "--port", "0", "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: "", PGLITE_DIR: "memory://", ...env },
  });
  const stuck = setTimeout(() => server.kill("SIGKILL"), 45_000); // never left running, whatever happens
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) =>
    server.once("exit", (code) => {
      clearTimeout(stuck);
      resolve({ code, output });
    }),
  );
}

const ready = { AUTH_SECRET: "s".repeat(44), AUTH_URL: "http://127.0.0.1", SMTP_URL: "smtp://127.0.0.1:2525" };

describe("a production server's required settings", () => {
  it.each([
    [
      "SMTP_URL",
      "✖ SMTP_URL is required in production (mail carries password resets): set SMTP_URL to your mail provider",
    ],
    ["AUTH_URL", "✖ AUTH_URL is required in production (links in mail are built from it)"],
  ])(
    "stops without %s, with one line saying what to set",
    async (missing, line) => {
      const { code, output } = await start({ ...ready, [missing]: undefined });
      expect(code).toBe(1);
      const errors = output.split("\n").filter((text) => text.startsWith("✖"));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(line);
      expect(output).not.toMatch(/\n\s+at /); // no stack trace
    },
    60_000,
  );
});
