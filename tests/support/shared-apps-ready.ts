// Runs in each browser test's worker before its file is imported: waits until the shared servers, which the
// global set-up builds and starts beside the other projects' tests (./shared-apps.ts), answer. In `npm test` they
// are up long before; a run of the browser tests alone waits here for the build.
import { inject } from "vitest";

import { readSharedApps } from "./shared-apps";

/** A build and the servers' start take minutes on a slow day; past this, something is stuck. */
const WAIT_MS = 15 * 60_000;

const deadline = Date.now() + WAIT_MS;
while (!readSharedApps(inject("sharedAppsFile"))) {
  if (Date.now() > deadline) throw new Error(`the browser tests' servers were not up after ${WAIT_MS / 60_000} min`);
  await new Promise((resolve) => setTimeout(resolve, 100));
}
