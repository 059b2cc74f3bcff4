// Test data: unique people, so files running in parallel on one database never collide.
import { randomUUID } from "node:crypto";

export function uniqueEmail(label = "person"): string {
  return `${label}-${randomUUID()}@example.test`;
}
