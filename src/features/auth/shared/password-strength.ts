// A strength estimate for the hint under a new-password field. zxcvbn-ts and its dictionaries are large, so they
// load on the first keystroke, never with the page.
const LABELS = ["Very weak", "Weak", "Fair", "Strong", "Very strong"] as const;

let estimator: Promise<(password: string) => number> | undefined;

function loadEstimator(): Promise<(password: string) => number> {
  estimator ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common")]).then(
    ([core, common]) => {
      const { ZxcvbnFactory } = core;
      const zxcvbn = new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });
      return (password: string) => zxcvbn.check(password).score;
    },
  );
  return estimator;
}

/** "Weak", "Strong", … for the password typed so far. */
export async function strengthLabel(password: string): Promise<string> {
  const score = (await loadEstimator())(password.slice(0, 256));
  return LABELS[Math.max(0, Math.min(4, score))] ?? "Weak";
}
