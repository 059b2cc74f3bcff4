// Development's AUTH_SECRET when none is set, kept in a file under .data/ (gitignored, beside the embedded
// database) so a restart of `npm run dev` keeps what it sealed: session cookies and two-factor secrets. A fresh
// secret per start logged everyone out and left every sealed TOTP secret unopenable, so the right code was refused.
// Not server-only: next.config.ts, which runs outside React Server Components, calls it when `next dev` boots.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { EnvError } from "../edge/env-error";

/** Where `next dev` keeps the secret it generated, relative to the project root. */
export const DEV_AUTH_SECRET_FILE = path.join(".data", "auth-secret");

/** Long enough for AUTH_SECRET's rule (32 characters): 32 random bytes are 44 in base64. */
const MIN_LENGTH = 32;

export type DevSecretSource = "environment" | "file" | "generated";

/** The secret kept in `file`, or undefined when there is no file. A file that holds no valid secret stops start-up. */
function readKept(file: string): string | undefined {
  let kept: string;
  try {
    kept = readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  if (kept.length < MIN_LENGTH || kept.includes(",")) {
    throw new EnvError(
      `${file} does not hold a valid development AUTH_SECRET: delete it (a new one is made) or set AUTH_SECRET`,
    );
  }
  return kept;
}

/**
 * Sets `environment.AUTH_SECRET` for development when it is unset: the one kept in `file`, or a new one written
 * there (owner-only, 0600). A set AUTH_SECRET always wins and the file is not touched. Says where the secret came from.
 */
export function applyDevelopmentAuthSecret(
  environment: Record<string, string | undefined>,
  file: string = DEV_AUTH_SECRET_FILE,
): DevSecretSource {
  if (environment.AUTH_SECRET) return "environment";
  const kept = readKept(file);
  if (kept) {
    environment.AUTH_SECRET = kept;
    return "file";
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64");
  try {
    // "wx": of two processes booting at once (next dev starts more than one), the first writes and the other reads.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    environment.AUTH_SECRET = readKept(file);
    return "file";
  }
  environment.AUTH_SECRET = secret;
  return "generated";
}
