// The strength estimate of a new password (zxcvbn-ts), shared by the hint under the field and the server's check,
// so the two cannot disagree: what the hint calls "Very weak" (score 0) the server refuses, in the hint's words.
// In the browser zxcvbn-ts and its dictionaries are large, so they load on the first keystroke, never with the page.
import type * as ZxcvbnCore from "@zxcvbn-ts/core";
import type * as ZxcvbnCommon from "@zxcvbn-ts/language-common";

const LABELS = ["Very weak", "Weak", "Fair", "Strong", "Very strong"] as const;

/** zxcvbn's lowest score: refused wherever a password is chosen. */
const VERY_WEAK_SCORE = 0;

/** The server's answer to a very weak password: the hint's own words first. */
export const VERY_WEAK_MESSAGE = `Strength: ${LABELS[VERY_WEAK_SCORE]}. Choose something less predictable: a few unrelated words make a strong one.`;

/** Characters past this are not scored (a password is at most 72 bytes; this bounds zxcvbn's work on junk). */
const SCORED_LENGTH = 256;

export type StrengthScorer = (password: string) => number;

/** The one way a scorer is made, from zxcvbn-ts's modules however they were loaded (statically or on demand). */
export function makeScorer(core: typeof ZxcvbnCore, common: typeof ZxcvbnCommon): StrengthScorer {
  const zxcvbn = new core.ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });
  return (password) => Math.max(0, Math.min(4, zxcvbn.check(password.slice(0, SCORED_LENGTH)).score));
}

export const isVeryWeakScore = (score: number): boolean => score <= VERY_WEAK_SCORE;

let estimator: Promise<StrengthScorer> | undefined;

/** "Weak", "Strong", … for the password typed so far. */
export async function strengthLabel(password: string): Promise<string> {
  estimator ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common")]).then(([core, common]) =>
    makeScorer(core, common),
  );
  return LABELS[(await estimator)(password)] ?? "Weak";
}
