// The 10,000 most common passwords, refused at sign-up and password change (NIST SP 800-63B rev. 4: check
// against a blocklist of commonly used passwords). The list is the frequency-ranked `passwords-common`
// dictionary of @zxcvbn-ts/language-common (a maintained package), of which we take the top 10,000.
import "server-only";

import { dictionary } from "@zxcvbn-ts/language-common";

const COMMON_PASSWORD_COUNT = 10_000;

let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set(
    dictionary["passwords-common"].slice(0, COMMON_PASSWORD_COUNT).map((entry) => entry.toLowerCase()),
  );
  return common.has(password.toLowerCase());
}
