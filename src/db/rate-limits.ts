// The throttle's counters live in `rate_limits`, which rate-limiter-flexible reads and writes itself: it takes a
// Drizzle client and the table rather than queries. This hands it both, so the feature never names a table.
import "server-only";

import type { Database } from "./drivers/types";
import { getDb } from "./index";
import { rateLimits } from "./schema";

export interface RateLimitStore {
  storeClient: Database;
  schema: typeof rateLimits;
}

/** What RateLimiterDrizzle's `storeClient` and `schema` options take. */
export async function rateLimitStore(): Promise<RateLimitStore> {
  return { storeClient: await getDb(), schema: rateLimits };
}
