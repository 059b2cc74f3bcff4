// Recovery codes: the way in when the authenticator app is lost. Ten of them, each 80 random bits — above the
// 64 bits NIST SP 800-63B rev. 4 asks of a look-up secret — written as 16 Crockford base32 characters in four
// groups ("7Q4M-KX2P-93HD-WT6C"), which read aloud and type without confusing 0 with O or 1 with I.
//
// Stored as bcrypt hashes, never in the clear nor encrypted: under 112 bits, NIST asks for a salted password
// hash. The cost only has to make a stolen table useless, which 80 random bits already nearly do, so it is
// BCRYPT_COST capped at 10: a sign-in with a recovery code compares against at most ten hashes.
import "server-only";

import { randomBytes } from "node:crypto";

import { unusedRecoveryCodes } from "@/db/two-factor";
import { bcryptCompare, bcryptHash, type Lane } from "@/features/auth/server/hash-pool";
import { BCRYPT_COST } from "@/features/auth/server/password-hash";
import { RECOVERY_CODE_COUNT, RECOVERY_CODE_LENGTH } from "@/features/two-factor/shared/codes";

const CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const BITS_PER_CHARACTER = 5;
export const RECOVERY_CODE_BITS = RECOVERY_CODE_LENGTH * BITS_PER_CHARACTER;
const RECOVERY_CODE_COST = Math.min(BCRYPT_COST, 10);

/** 80 random bits as 16 Crockford base32 characters (5 bits each, taken straight from the bytes: no bias). */
export function newRecoveryCode(): string {
  const bytes = randomBytes(RECOVERY_CODE_BITS / 8);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let code = "";
  for (let index = RECOVERY_CODE_LENGTH - 1; index >= 0; index--)
    code += CROCKFORD_ALPHABET[Number((bits >> BigInt(index * BITS_PER_CHARACTER)) & 31n)];
  return code;
}

/** "7Q4MKX2P93HDWT6C" as people read it: "7Q4M-KX2P-93HD-WT6C". */
export const formatRecoveryCode = (code: string): string => code.match(/.{1,4}/g)!.join("-");

/** A new set: the codes to show once (formatted), and the hashes to store. */
export async function newRecoveryCodeSet(): Promise<{ codes: string[]; hashes: string[] }> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const hashes: string[] = [];
  // One at a time: two workers hash, and a set must not crowd out a sign-in's password check.
  const shown = codes.map(formatRecoveryCode);
  for (const code of shown) hashes.push(await bcryptHash(code, RECOVERY_CODE_COST, "signed-in"));
  return { codes: shown, hashes };
}

/** The id of the unused recovery code that `code` (normalised) is, or null. */
export async function matchingRecoveryCode(userId: string, code: string, lane: Lane): Promise<string | null> {
  for (const { id, codeHash } of await unusedRecoveryCodes(userId))
    if (await bcryptCompare(formatRecoveryCode(code), codeHash, lane)) return id;
  return null;
}
