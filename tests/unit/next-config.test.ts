// next.config.ts decides what a production build contains: the benchmark's twin page only when asked for.
import { PHASE_PRODUCTION_BUILD } from "next/constants";
import { afterEach, describe, expect, it, vi } from "vitest";

import config from "../../next.config";

afterEach(() => vi.unstubAllEnvs());

describe("the benchmark's public twin (page.bench.tsx)", () => {
  it("is left out of a production build by default", () => {
    vi.stubEnv("BENCH_ROUTES", "");
    expect(config(PHASE_PRODUCTION_BUILD).pageExtensions).toEqual(["tsx", "ts"]);
  });

  it("is compiled in when the build runs with BENCH_ROUTES=true (the bench's and the tests' build)", () => {
    vi.stubEnv("BENCH_ROUTES", "true");
    expect(config(PHASE_PRODUCTION_BUILD).pageExtensions).toContain("bench.tsx");
  });
});
