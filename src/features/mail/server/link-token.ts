// Making and hashing mail-link tokens. The token travels only in the mail; the database keeps its SHA-256, so a
// leaked table (or a backup) opens nothing. A fast hash is right here, unlike for passwords: the token is 256
// random bits, so there is nothing to guess.
import "server-only";

import { createHash, randomBytes } from "node:crypto";

export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}
