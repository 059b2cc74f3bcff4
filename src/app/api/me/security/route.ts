import { ROUTES } from "@/config/routes";
import { unauthorized, withApiUser } from "@/features/auth/server/session";
import { readSecurityFacts } from "@/features/security-checkup/server/checkup";
import { describeError } from "@/lib/edge/describe-error";
import { serviceUnavailable } from "@/lib/server/json-error";

const PRIVATE = { "Cache-Control": "private, no-store" };

/** The signed-in person's security facts, for the dashboard's checkup card: one statement. */
export const GET = withApiUser(ROUTES.securityCheckup, async ({ id }) => {
  try {
    const facts = await readSecurityFacts(id);
    // The account was deleted after this token was issued: the session is as good as ended.
    if (!facts) return unauthorized();
    return Response.json(facts, { headers: PRIVATE });
  } catch (error) {
    console.error(`[security-checkup] ${describeError(error)}`);
    return serviceUnavailable(30, PRIVATE);
  }
});
