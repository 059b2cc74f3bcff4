import "server-only";

import { getSecurityFacts } from "@/db/security-facts";
import { signedInSince } from "@/features/devices/server/device-session";
import type { SecurityFacts } from "@/features/security-checkup/shared/checkup";

/** The facts the checkup is made of, for the signed-in person `userId`: one statement. */
export function readSecurityFacts(userId: string, now = new Date()): Promise<SecurityFacts | undefined> {
  return getSecurityFacts(userId, signedInSince(now));
}
