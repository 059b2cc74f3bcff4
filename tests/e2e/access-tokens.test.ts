// Access tokens on the production server: a signed-in page asks POST /api/token for one, and the second service
// in examples/whoami-service — started here, pointed at this app's /.well-known/jwks.json — says who it is. Then
// what must not mint (another origin, a script without Origin, signed out, signed out elsewhere), what minting
// and the JWKS cost in statements, and the JWKS's own answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readsOf, ROUTES } from "@/config/routes";
import { appUrl, newPerson, statementsOfRequest } from "@tests/support/app";
import { freshPagePerTest } from "@tests/support/browser";
import { signUpDirect } from "@tests/support/direct";
import { browserCookies, cookieHeader, sessionCookie } from "@tests/support/http-session";

import { startWhoami } from "../../examples/whoami-service/server.mjs";

const origin = new URL(appUrl).origin;
const person = newPerson("Token Person");
let cookie = "";
let whoami: { url: string; close: () => Promise<void> };

const ui = freshPagePerTest();

beforeAll(async () => {
  await signUpDirect(person);
  cookie = await sessionCookie(person.email, person.password, appUrl);
  whoami = await startWhoami({ jwksUrl: `${appUrl}/.well-known/jwks.json`, issuer: origin, audience: "api" });
});
afterAll(async () => {
  await whoami?.close();
});

/** POST /api/token from Node, with the session cookie and whatever headers a caller chose. */
const mint = (headers: Record<string, string>) =>
  fetch(`${appUrl}/api/token`, { method: "POST", redirect: "manual", headers });

describe("an access token for another service", () => {
  it("is what the signed-in page's own script gets, and the second service knows whom it stands for", async () => {
    const { context, page } = ui;
    await context.addCookies(browserCookies(cookie, appUrl));
    await page.goto(`${appUrl}/dashboard`);
    const { me, token } = await page.evaluate(async () => {
      const response = await fetch("/api/token", { method: "POST" });
      return {
        token: (await response.json()) as { access_token: string; token_type: string; expires_in: number },
        me: (await (await fetch("/api/me")).json()) as { id: string; role: string },
      };
    });
    expect(token).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 300 });

    const answer = await fetch(`${whoami.url}/whoami`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ sub: me.id, role: me.role });
    // And the service refuses what it was not given: no token, or this one with a byte changed.
    expect((await fetch(`${whoami.url}/whoami`)).status).toBe(401);
    const tampered = token.access_token.slice(0, -2) + (token.access_token.endsWith("A") ? "BB" : "AA");
    expect((await fetch(`${whoami.url}/whoami`, { headers: { authorization: `Bearer ${tampered}` } })).status).toBe(
      401,
    );
  });

  it("is not minted for another origin, for a script that says no origin, or for nobody signed in", async () => {
    const refused: Array<Record<string, string>> = [{ cookie, origin: "https://evil.example" }, { cookie }];
    for (const headers of refused) {
      const response = await mint(headers);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: "cross_origin", message: expect.any(String) });
    }
    const signedOut = await mint({ origin });
    expect(signedOut.status).toBe(401);
    expect(await signedOut.json()).toEqual({ error: "unauthorized", message: expect.any(String) });
  });

  it("is not minted for a session signed out elsewhere, though its cookie has not been re-checked yet", async () => {
    const other = await sessionCookie(person.email, person.password, appUrl);
    expect((await mint({ cookie: other, origin })).status).toBe(200);
    const csrf = await fetch(`${appUrl}/api/auth/csrf`, { headers: { cookie: other } });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signOut = await fetch(`${appUrl}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie: `${other}; ${cookieHeader(csrf)}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ csrfToken }),
    });
    expect(signOut.status).toBe(302);
    // The copy of the cookie taken before the sign-out is still a well-formed, unexpired session token.
    const response = await mint({ cookie: other, origin });
    expect(response.status).toBe(401);
  });

  it("costs the statements the route table declares: the session's throttle, and the session re-checked (with the role as it is now)", async () => {
    await mint({ cookie, origin }); // the keys are read (a minute's copy) before counting
    const minted = async () => expect((await mint({ cookie, origin })).status).toBe(200);
    const reads = readsOf(ROUTES.accessToken);
    expect(await statementsOfRequest(minted, reads)).toHaveLength(reads);
  });
});

describe("GET /.well-known/jwks.json", () => {
  it("is public, cacheable for five minutes, holds public keys only, and reads nothing when warm", async () => {
    await mint({ cookie, origin }); // at least one key exists
    await fetch(`${appUrl}/.well-known/jwks.json`);
    let response: Response | undefined;
    const read = async () => {
      response = await fetch(`${appUrl}/.well-known/jwks.json`);
    };
    expect(await statementsOfRequest(read, 0)).toEqual([]);
    expect(response?.status).toBe(200);
    expect(response?.headers.get("cache-control")).toBe("public, max-age=300");
    expect(response?.headers.get("access-control-allow-origin")).toBe("*");
    const { keys } = (await response?.json()) as { keys: Array<Record<string, string>> };
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(Object.keys(key).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x", "y"]);
      expect(key).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
    }
  });
});
