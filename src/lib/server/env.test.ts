import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";

// env.ts parses process.env once, at import: each case imports a fresh copy under the environment it sets.
async function loadEnv(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  return (await import("./env")).env;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("env", () => {
  it("gives the documented defaults", async () => {
    const env = await loadEnv({
      DATABASE_URL: undefined,
      PGLITE_DIR: undefined,
      AUTH_REVALIDATE_SECONDS: undefined,
      PASSWORD_MIN_LENGTH: undefined,
      BCRYPT_COST: undefined,
    });
    expect(env).toMatchObject({
      PGLITE_DIR: "./.data/pglite",
      AUTH_REVALIDATE_SECONDS: 300,
      PASSWORD_MIN_LENGTH: 15,
      BCRYPT_COST: 12,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("reads TRUSTED_PROXY as a count of proxies, 0 by default, and as vercel on Vercel", async () => {
    expect((await loadEnv({ TRUSTED_PROXY: undefined, VERCEL: undefined })).TRUSTED_PROXY).toBe(0);
    expect((await loadEnv({ TRUSTED_PROXY: "2", VERCEL: undefined })).TRUSTED_PROXY).toBe(2);
    expect((await loadEnv({ TRUSTED_PROXY: undefined, VERCEL: "1" })).TRUSTED_PROXY).toBe("vercel");
    expect((await loadEnv({ TRUSTED_PROXY: "vercel", VERCEL: "1" })).TRUSTED_PROXY).toBe("vercel");
  });

  it("treats an empty DATABASE_URL as unset (the embedded database)", async () => {
    expect((await loadEnv({ DATABASE_URL: "" })).DATABASE_URL).toBeUndefined();
  });

  it("splits AUTH_SECRET into a rotation list, newest first", async () => {
    const [a, b] = ["a".repeat(32), "b".repeat(44)];
    expect((await loadEnv({ AUTH_SECRET: `${a}, ${b}` })).AUTH_SECRET).toEqual([a, b]);
  });

  it.each([
    [{ NODE_ENV: "production", AUTH_SECRET: undefined }, "AUTH_SECRET is required in production: run npx auth secret"],
    [{ AUTH_SECRET: "too-short" }, "AUTH_SECRET entries must be at least 32 characters: run npx auth secret"],
    [{ DATABASE_URL: "not a url" }, /^DATABASE_URL must be a postgres:\/\/ URL/],
    [{ DATABASE_URL: "mysql://root@localhost/db" }, /^DATABASE_URL must be a postgres:\/\/ URL/],
    [{ PASSWORD_MIN_LENGTH: "7" }, "PASSWORD_MIN_LENGTH must be at least 8"],
    [{ PASSWORD_MIN_LENGTH: "fifteen" }, "PASSWORD_MIN_LENGTH must be a whole number between 8 and 64"],
    [{ BCRYPT_COST: "4" }, "BCRYPT_COST must be at least 10"],
    [{ AUTH_TRUST_HOST: "maybe" }, "AUTH_TRUST_HOST must be true or false"],
    // A bound of 0 would send every page load round /session/refresh for ever.
    [{ AUTH_REVALIDATE_SECONDS: "0" }, "AUTH_REVALIDATE_SECONDS must be at least 10"],
    [{ AUTH_REVALIDATE_SECONDS: "9" }, "AUTH_REVALIDATE_SECONDS must be at least 10"],
    [
      { TRUSTED_PROXY: "yes" },
      "TRUSTED_PROXY must be vercel, or the number of reverse proxies in front of the app (0 to 10)",
    ],
    [
      { TRUSTED_PROXY: "-1" },
      "TRUSTED_PROXY must be vercel, or the number of reverse proxies in front of the app (0 to 10)",
    ],
    // Anywhere but on Vercel, x-real-ip is the client's to write; on Vercel there is no socket to read.
    [{ TRUSTED_PROXY: "vercel", VERCEL: undefined }, "TRUSTED_PROXY=vercel works only on Vercel"],
    [{ TRUSTED_PROXY: "1", VERCEL: "1" }, "TRUSTED_PROXY must be vercel (or unset) on Vercel"],
    [{ SIGNIN_FAILURES_PER_ACCOUNT: "101" }, "SIGNIN_FAILURES_PER_ACCOUNT must be at most 100"],
    [{ SMTP_URL: "http://mail.example.com" }, /^SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/],
    [{ MAIL_FROM: "not an address" }, /^MAIL_FROM must be an address/],
    [{ EMAIL_VERIFICATION: "sometimes" }, "EMAIL_VERIFICATION must be required or optional"],
  ])("stops on %o with one line naming the variable", async (vars, message) => {
    const failure = loadEnv(vars);
    await expect(failure).rejects.toThrow(message);
    const error = await failure.catch((e: Error) => e);
    expect((error as Error).message).not.toContain("\n");
  });

  describe("a production server", () => {
    const production = { NODE_ENV: "production", AUTH_SECRET: "s".repeat(44) };
    it.each([
      [{ AUTH_URL: undefined, SMTP_URL: "smtp://127.0.0.1:25" }, /^AUTH_URL is required in production/],
      [{ AUTH_URL: "https://app.example.com", SMTP_URL: undefined }, /^SMTP_URL is required in production/],
    ])("stops without %o: links in mail need both", async (vars, message) => {
      await expect(loadEnv({ ...production, ...vars })).rejects.toThrow(message);
    });

    it("starts with both, and development needs neither (mail goes to the outbox)", async () => {
      const env = await loadEnv({ ...production, AUTH_URL: "https://app.example.com", SMTP_URL: "smtps://u:p@mx:465" });
      expect(env).toMatchObject({ SMTP_URL: "smtps://u:p@mx:465", EMAIL_VERIFICATION: "required" });
      const development = await loadEnv({ NODE_ENV: "development", AUTH_URL: undefined, SMTP_URL: undefined });
      expect(development.SMTP_URL).toBeUndefined();
    });
  });

  it("lists every variable in .env.example", async () => {
    const example = readFileSync(new URL("../../../.env.example", import.meta.url), "utf8");
    const documented = new Set([...example.matchAll(/^# ([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]));
    const env = await loadEnv({});
    const missing = Object.keys(env).filter((name) => name !== "NODE_ENV" && !documented.has(name));
    expect(missing).toEqual([]);
  });

  it("needs no secret while `next build` runs", async () => {
    const env = await loadEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build", AUTH_SECRET: undefined });
    expect(env.AUTH_SECRET).toBeUndefined();
  });
});
