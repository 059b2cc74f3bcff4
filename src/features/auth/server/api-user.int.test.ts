// withApiUser decides an API's admission as requirePage decides a page's: from the token for a route open to the
// lowest role (no statement), and from the role as the database has it now for a route above it (one statement),
// so a demotion takes an API away at once, as it takes the page.
import { describe, expect, it, vi } from "vitest";

import { LOWEST_ROLE, ROLES } from "@/config/roles";
import type { ProtectedApi } from "@/config/routes";
import { queryCount } from "@/db";
import { setUserRole } from "@/db/queries";
import { actAs, actSignedOut } from "@tests/support/action-request";
import { createPerson } from "@tests/support/users";

import { withApiUser } from "./session";

vi.mock("next/headers", async (original) => ({
  ...(await original()),
  ...(await import("@tests/support/action-request")).nextHeaders,
}));

const HIGHEST = ROLES[ROLES.length - 1]!;
// Entries no fork will add: the real table is held to its routes by src/app/route-registry.test.ts.
const forEveryone: ProtectedApi = {
  path: "/fixture-api-for-everyone",
  access: { kind: "signed-in", minimumRole: LOWEST_ROLE },
  api: true,
};
const forTheHighest: ProtectedApi = {
  path: "/fixture-api-for-the-highest",
  access: { kind: "signed-in", minimumRole: HIGHEST },
  api: true,
};
const answerWithRole = (route: ProtectedApi) => withApiUser(route, async (user) => Response.json({ role: user.role }));

async function call(route: ProtectedApi): Promise<{ status: number; statements: number }> {
  const before = queryCount();
  const response = await answerWithRole(route)();
  return { status: response.status, statements: queryCount() - before };
}

describe("withApiUser", () => {
  it("admits the lowest role's API from the token alone: no statement", async () => {
    await actAs(await createPerson("api-everyone"));
    expect(await call(forEveryone)).toEqual({ status: 200, statements: 0 });
  });

  it("checks the role live above the lowest role, so a demotion refuses at once, though the token still says it", async () => {
    const person = await createPerson("api-highest", { role: HIGHEST });
    await actAs(person);
    expect(await call(forTheHighest)).toEqual({ status: 200, statements: 1 });
    const admin = await createPerson("api-admin", { role: "admin" });
    expect((await setUserRole(admin, person.id, LOWEST_ROLE)).result).toBe("changed");
    expect(await call(forTheHighest)).toEqual({ status: 403, statements: 1 });
  });

  it("refuses from the token alone whoever the token ranks too low, and answers 401 signed out", async () => {
    await actAs(await createPerson("api-lowest"));
    expect(await call(forTheHighest)).toEqual({ status: 403, statements: 0 });
    actSignedOut();
    expect((await call(forEveryone)).status).toBe(401);
  });
});
