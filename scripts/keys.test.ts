// `npm run keys:*` as an operator runs them, on an embedded database of their own: a first rotation signs at once,
// a second is published to sign later, the key that signs cannot be revoked until a replacement does, and a
// retired one can. Without AUTH_SECRET nothing is touched.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(path.join(os.tmpdir(), "keys-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keys(args: string[], env: Record<string, string> = {}) {
  const [script, ...rest] = args;
  return spawnSync("npm", ["run", "--silent", `keys:${script}`, "--", ...rest], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: path.join(dir, "pglite"), ...env },
  });
}

/** The kids `keys:list` printed, by state. */
function listed(stdout: string): Array<{ kid: string; state: string }> {
  return [...stdout.matchAll(/^#\d+ (\S+) {2}created \S+ {2}(.+?) {2}(?:published|not published)$/gm)].map(
    ([, kid = "", state = ""]) => ({ kid, state }),
  );
}

describe("npm run keys:rotate, keys:revoke, keys:list", () => {
  it("refuses to run without AUTH_SECRET, the secret the keys are sealed under", () => {
    const run = keys(["list"], { AUTH_SECRET: "" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("AUTH_SECRET is not set");
  }, 60_000);

  it("rotates, refuses to revoke the signing key, replaces it at once with --now, then revokes it", () => {
    const first = keys(["rotate"]);
    expect(first.stderr).toBe("");
    const [one] = listed(first.stdout);
    expect(one?.state).toBe("signing"); // nothing signed before: the first key signs at once

    const second = keys(["rotate"]);
    expect(second.stdout).toContain("Verifiers that cache /.well-known/jwks.json for at most 300 s see it");
    const [, two] = listed(second.stdout);
    expect(two?.state).toMatch(/^signs from /); // published now, signing in 15 minutes

    const refused = keys(["revoke", one!.kid]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("signs now. Run npm run keys:rotate -- --now first");

    const replaced = keys(["rotate", "--now"]);
    const states = listed(replaced.stdout);
    expect(states.find((key) => key.kid === one!.kid)?.state).toMatch(/^retired /);
    expect(states.at(-1)?.state).toBe("signing");

    const revoked = keys(["revoke", one!.kid]);
    expect(revoked.status).toBe(0);
    expect(revoked.stdout).toContain(`Revoked ${one!.kid}`);
    expect(listed(keys(["list"]).stdout).find((key) => key.kid === one!.kid)?.state).toMatch(/^revoked /);
  }, 120_000);
});
