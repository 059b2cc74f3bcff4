// INVARIANT (a fork must keep it): a plain request runs no database query for auth.
//
// The session is a JWT: the Edge guard and every server component read it from the cookie, and the database is
// asked only every AUTH_REVALIDATE_SECONDS, or for a write. So every page in the route table, opened by whoever
// may open it, sends 0 statements — except what the route table declares a page reads (`reads`: the data it exists
// to show, and the live role check of a page above the lowest role). Client navigations are counted in docs/flow.md. If a page you added fails here, it reached the database to find out who is asking: read the session
// instead (`requirePage` returns the user), and see docs/extending.md ("Two rules a fork must keep").
import { beforeAll, describe, expect, inject, it } from "vitest";

import { HOME_PATH, readsOf, routeFor, ROUTES, type RouteEntry } from "@/config/routes";
import { appUrl, newPerson, statementsOfRequest } from "@tests/support/app";
import { signUpDirect } from "@tests/support/direct";
import { sessionCookie } from "@tests/support/http-session";

const routes: readonly RouteEntry[] = Object.values(ROUTES);
const pages = routes.filter((route) => !route.api);
const declaredReads = (path: string) => readsOf(routeFor(path));
// The APIs a GET calls. POST /api/token is minted, not read: tests/e2e/access-tokens.test.ts holds it to its reads.
const apis = routes.filter((route) => route.api && route !== ROUTES.accessToken);

let admin = "";
const signedOut = ""; // no cookie at all

beforeAll(async () => {
  admin = await sessionCookie(inject("adminEmail"), inject("adminPassword"), appUrl);
  await signUpDirect(newPerson("Zero Queries")); // so the server is warm and has a second account
});

/** The statements a request sent (a list, so a failure names them), measured again if not the `expected` count. */
async function statementsFor(path: string, cookie: string, expected: number): Promise<string[]> {
  return statementsOfRequest(async () => {
    const response = await fetch(`${appUrl}${path}`, { headers: { cookie }, redirect: "manual" });
    await response.arrayBuffer();
    expect(response.status, `${path} should answer`).toBeLessThan(400);
  }, expected);
}

describe("INVARIANT: plain requests run no database query for auth", () => {
  it.each(pages.filter((route) => route.access.kind === "signed-in").map((route) => [route.path]))(
    "%s, opened by an admin (who may open every page)",
    async (path) => {
      expect(await statementsFor(path, admin, declaredReads(path)), `${path} ran statements`).toHaveLength(
        declaredReads(path),
      );
    },
  );

  it.each([HOME_PATH, ...pages.filter((route) => route.access.kind !== "signed-in").map((route) => route.path)])(
    "%s, opened signed out",
    async (path) => {
      expect(await statementsFor(path, signedOut, 0)).toEqual([]);
    },
  );

  it.each([...apis.map((route) => route.path), "/api/auth/session"])("%s, signed in", async (path) => {
    const reads = declaredReads(path);
    expect(await statementsFor(path, admin, reads), `${path} ran statements`).toHaveLength(reads);
  });
});

// /admin: whatever its query string asks, the declared reads (the live role check, one page of users). A person's
// page (/admin/users/<id>, under /admin's entry) runs the role check and three more: the person's row, their live
// devices, their events; an id that is no uuid, only the role check. An old activity link (/admin?events=<id>)
// is sent there after the role check, before the users query.
describe("/admin's own statements", () => {
  const somebody = "7d444840-9dc0-41c4-a3c8-3f2c1d7a1e29"; // asked for whether or not they exist
  const page = readsOf(ROUTES.admin);
  it.each([
    ["a search", "/admin?q=adm", page],
    [
      "a later page",
      "/admin?cursor=eyJkIjoiYWZ0ZXIiLCJ0IjoiMjAwMS0wMS0wMVQwMDowMDowMC4wMDAwMDBaIiwiaSI6IjdkNDQ0ODQwLTlkYzAtNDFjNC1hM2M4LTNmMmMxZDdhMWUyOSJ9",
      page,
    ],
    ["a page link it did not write", "/admin?cursor=forged", page],
    ["an old activity link: redirected to the person's page", `/admin?events=${somebody}`, page - 1],
    ["a person's page", `/admin/users/${somebody}`, page + 2],
    ["a person's page with an id that is no uuid", "/admin/users/nobody", page - 1],
  ] as const)("%s (%s): %d statement(s)", async (_, path, statements) => {
    expect(await statementsFor(path, admin, statements)).toHaveLength(statements);
  });
});
