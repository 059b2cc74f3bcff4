// Encryption at rest for the few secrets the database must give back (a TOTP secret: the server needs it to
// compute codes, so it cannot be hashed). jose's compact JWE — `dir` with A256GCM — under a key derived by HKDF
// from AUTH_SECRET and a purpose, so a copy of the database alone opens nothing, and each purpose has a key of its
// own. The JWE's `kid` names the secret that sealed it: with AUTH_SECRET="new,old" the first seals and every
// one opens, so a rotation keeps every stored secret readable (re-seal with the new one when it is next written).
import "server-only";

import { createHash } from "node:crypto";
import { hkdf } from "@panva/hkdf";
import { base64url, compactDecrypt, CompactEncrypt, decodeProtectedHeader } from "jose";

interface PurposeKey {
  key: Uint8Array;
  kid: string;
}

const keys = new Map<string, Promise<PurposeKey>>();

function keyFor(secret: string, purpose: string): Promise<PurposeKey> {
  const cacheKey = `${purpose}\u0000${secret}`;
  let entry = keys.get(cacheKey);
  if (!entry) {
    entry = (async () => {
      const key = await hkdf("sha256", secret, `secret-box:${purpose}`, `Edge JWT Auth secret box (${purpose})`, 32);
      // The key's id: a hash of the key itself (never the secret), enough to pick the secret during a rotation.
      return { key, kid: base64url.encode(createHash("sha256").update(key).digest().subarray(0, 12)) };
    })();
    keys.set(cacheKey, entry);
  }
  return entry;
}

/** `plaintext`, sealed for `purpose` under the first secret of the list. */
export async function seal(plaintext: string, purpose: string, secrets: readonly string[]): Promise<string> {
  const [first] = secrets;
  if (!first) throw new Error("secret-box: no secret to seal with");
  const { key, kid } = await keyFor(first, purpose);
  return new CompactEncrypt(new TextEncoder().encode(plaintext))
    .setProtectedHeader({ alg: "dir", enc: "A256GCM", kid })
    .encrypt(key);
}

/**
 * What `seal` sealed for `purpose` under any secret of the list, or null: tampered, sealed for another purpose,
 * or under a secret no longer in the list.
 */
export async function open(sealed: string, purpose: string, secrets: readonly string[]): Promise<string | null> {
  for (const secret of secrets) {
    const { key, kid } = await keyFor(secret, purpose);
    try {
      const { plaintext, protectedHeader } = await compactDecrypt(sealed, key, {
        keyManagementAlgorithms: ["dir"],
        contentEncryptionAlgorithms: ["A256GCM"],
      });
      if (protectedHeader.kid !== kid) continue;
      return new TextDecoder().decode(plaintext);
    } catch {
      // not this secret's (or not intact): try the next one
    }
  }
  return null;
}

/**
 * Whether `sealed` was sealed under the list's first secret. One sealed under an older one still opens, but only
 * while that secret stays in the list: seal it again before the secret leaves. (Reads the header; opens nothing.)
 */
export async function sealedUnderFirst(sealed: string, purpose: string, secrets: readonly string[]): Promise<boolean> {
  const [first] = secrets;
  if (!first) return false;
  try {
    return decodeProtectedHeader(sealed).kid === (await keyFor(first, purpose)).kid;
  } catch {
    return false;
  }
}
