import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { parseEnv } from "../server/env-schema";
import { parseEdgeEnv } from "./edge-env";

// The Edge parse is hand-written to keep zod out of the middleware bundle; the zod schema is the reference.
// Both must give the same value, or fail with the same one line, for any input of the two variables.
function outcome(parse: () => { AUTH_SECRET?: string[]; AUTH_REVALIDATE_SECONDS: number }) {
  try {
    const { AUTH_SECRET, AUTH_REVALIDATE_SECONDS } = parse();
    return { AUTH_SECRET, AUTH_REVALIDATE_SECONDS };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const numberLike = fc.oneof(
  fc.integer({ min: -100_000, max: 200_000 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom("", " ", "0", "86400", "86401", "-0", "1e3", "0x10", " 42 ", "1.0", "1.5", "Infinity", "abc", "300s"),
  fc.string({ maxLength: 6 }),
);
const secretPart = fc.oneof(fc.string({ minLength: 28, maxLength: 40 }), fc.constantFrom("", " ", "s".repeat(32)));
const secretLike = fc.oneof(
  fc.constant(undefined),
  fc.array(secretPart, { maxLength: 3 }).map((parts) => parts.join(",")),
);

describe("parseEdgeEnv agrees with the zod schema", () => {
  it("for AUTH_SECRET and AUTH_REVALIDATE_SECONDS, in and out of production", () => {
    fc.assert(
      fc.property(secretLike, numberLike, fc.boolean(), (secret, seconds, productionServer) => {
        // The Edge reads neither AUTH_URL nor SMTP_URL; given, so that only the two variables under test differ.
        const source = {
          AUTH_SECRET: secret,
          AUTH_REVALIDATE_SECONDS: seconds,
          AUTH_URL: "https://app.example.com",
          SMTP_URL: "smtp://127.0.0.1:25",
        };
        const reference = outcome(() => parseEnv(source, { productionServer }));
        expect(outcome(() => parseEdgeEnv(source, { productionServer }))).toEqual(reference);
      }),
      { numRuns: 2_000 },
    );
  }, 30_000); // 2,000 runs of two parsers: a second alone, but the unit phase shares 2 cores with the build

  it("gives the documented defaults", () => {
    expect(parseEdgeEnv({}, { productionServer: false })).toEqual({
      AUTH_SECRET: undefined,
      AUTH_REVALIDATE_SECONDS: 300,
    });
  });
});
