// The rules for a new password as the server applies them — sign-up, reset, change, and the seeded admin: the
// minimum length, the common-password blocklist, and zxcvbn's verdict, scored exactly as the hint under the field
// scores it (../shared/password-strength.ts), so a password the page calls "Very weak" is never accepted.
import "server-only";

import * as core from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";

import { isVeryWeakScore, makeScorer, type StrengthScorer } from "@/features/auth/shared/password-strength";
import type { PasswordPolicy } from "@/features/auth/shared/schemas";
import { env } from "@/lib/server/env";

import { isCommonPassword } from "./common-passwords";

let scorer: StrengthScorer | undefined;

/** True when zxcvbn scores the password 0, the hint's "Very weak". Its dictionaries load on the first call. */
export function isVeryWeakPassword(password: string): boolean {
  scorer ??= makeScorer(core, common);
  return isVeryWeakScore(scorer(password));
}

export function serverPasswordPolicy(): PasswordPolicy {
  return { minLength: env.PASSWORD_MIN_LENGTH, isCommon: isCommonPassword, isVeryWeak: isVeryWeakPassword };
}
