import { eq } from "drizzle-orm";
import type { JWT } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";

import { getDb, queryCount } from "@/db";
import { listDeviceSessions, revokeDeviceSession, startDeviceSession } from "@/db/device-sessions";
import { readProfile, updateProfile } from "@/db/profile";
import { bumpSessionVersion, createUser, deleteUser, getUserById, setUserRole } from "@/db/queries";
import { deviceSessions, type Profile } from "@/db/schema";
import { cookieLifetime } from "@/features/devices/server/device-session";
import { env } from "@/lib/server/env";
import { uniqueEmail } from "@tests/support/users";

import { nodeJwt } from "./node-callbacks";

/** Changes some of the profile, keeping the rest as stored (a fork may have more profile columns). */
const changeProfile = async (id: string, change: Partial<Profile>) =>
  updateProfile(id, { ...(await readProfile(id))!, ...change });

const now = () => Math.floor(Date.now() / 1000);

async function person(name = "Ada Lovelace") {
  const created = await createUser({ email: uniqueEmail(), name, passwordHash: "x", emailVerifiedAt: new Date() });
  if (!created) throw new Error("could not create a test person");
  return created;
}

/** A token of `user` in a device session of its own, as sign-in makes one. */
async function tokenOf(user: { id: string; email: string; sessionVersion: number }, checkedAt = now()): Promise<JWT> {
  const sid = await startDeviceSession({ userId: user.id, device: "Vitest", ip: null }, new Date(), new Date(0));
  return {
    sid,
    signedInAt: now(),
    sub: user.id,
    name: "Old Name",
    email: user.email,
    picture: null,
    role: "user",
    sessionVersion: user.sessionVersion,
    verifiedEmail: true,
    checkedAt,
    iat: 1,
    exp: 2,
  };
}

async function jwtWithQueries(params: Partial<Parameters<typeof nodeJwt>[0]>): Promise<[JWT | null, number]> {
  await getDb();
  const before = queryCount();
  const result = await nodeJwt(params as Parameters<typeof nodeJwt>[0]);
  return [result, queryCount() - before];
}

const stale = () => now() - env.AUTH_REVALIDATE_SECONDS - 1;

describe(`the jwt callback on ${process.env.TEST_DB_ENGINE}`, () => {
  it("runs no query for a token checked within the bound", async () => {
    const me = await person();
    const token = await tokenOf(me);
    expect(await jwtWithQueries({ token: { ...token } })).toEqual([token, 0]);
  });

  it("re-checks a stale token with one query: a changed role is copied in, name and image refreshed", async () => {
    const me = await person();
    const admin = await createUser({ email: uniqueEmail("admin"), name: "Admin", passwordHash: "x", role: "admin" });
    expect((await setUserRole(admin!, me.id, "admin")).result).toBe("changed");
    await changeProfile(me.id, { name: "New Name", image: "https://img.example/n.png" });
    const [next, queries] = await jwtWithQueries({ token: await tokenOf(me, stale()) });
    expect(queries).toBe(1);
    expect(next).toMatchObject({
      sub: me.id,
      role: "admin",
      name: "New Name",
      picture: "https://img.example/n.png",
      email: me.email,
    });
    expect(next?.checkedAt).toBeGreaterThanOrEqual(now() - 1);
  });

  it("ends a stale session whose version changed (password change, sign out everywhere)", async () => {
    const me = await person();
    await bumpSessionVersion(me.id, me.sessionVersion);
    expect((await jwtWithQueries({ token: await tokenOf(me, stale()) }))[0]).toBeNull();
  });

  it("ends a stale session whose device session was revoked (signed out), and only that one", async () => {
    const me = await person();
    const [signedOut, other] = [await tokenOf(me, stale()), await tokenOf(me, stale())];
    expect(await revokeDeviceSession(me.id, signedOut.sid!, new Date())).toBeDefined();
    expect((await jwtWithQueries({ token: signedOut }))[0]).toBeNull();
    expect((await jwtWithQueries({ token: other }))[0]).toMatchObject({ sub: me.id, sid: other.sid });
  });

  it("moves the device session's last seen at a re-check, and only then", async () => {
    const me = await person();
    const token = await tokenOf(me, stale());
    const seen = async () => (await listDeviceSessions(me.id, new Date(0)))[0]!.lastSeenAt.getTime();
    const before = await seen();
    await new Promise((resolve) => setTimeout(resolve, 5)); // timestamps in ms: make "later" visible
    const [fresh] = await jwtWithQueries({ token });
    expect(await seen()).toBeGreaterThan(before);
    const after = await seen();
    expect(await jwtWithQueries({ token: fresh! })).toEqual([fresh, 0]); // within the bound: no query, no write
    expect(await seen()).toBe(after);
  });

  it("ends a session whose token names another person's device session", async () => {
    const [me, other] = [await person(), await person()];
    const theirs = await tokenOf(other, stale());
    expect((await jwtWithQueries({ token: { ...(await tokenOf(me, stale())), sid: theirs.sid } }))[0]).toBeNull();
  });

  it("ends a token made before device sessions (no sid) at its next check", async () => {
    const me = await person();
    const token = await tokenOf(me, stale());
    delete token.sid;
    expect((await jwtWithQueries({ token }))[0]).toBeNull();
  });

  it("ends a session past its absolute lifetime however recently checked, without a query", async () => {
    const me = await person();
    const lifetime = env.SESSION_MAX_AGE_DAYS * 86_400;
    const token = { ...(await tokenOf(me)), signedInAt: now() - lifetime };
    expect(await jwtWithQueries({ token })).toEqual([null, 0]);
    const younger = { ...token, signedInAt: now() - lifetime + 60 };
    expect((await jwtWithQueries({ token: younger }))[0]).toMatchObject({ sub: me.id });
  });

  it("holds a renewed cookie's lifetime to the session's absolute end", () => {
    const idle = 30 * 86_400;
    const lifetime = env.SESSION_MAX_AGE_DAYS * 86_400;
    expect(cookieLifetime(now(), idle)).toBe(Math.min(idle, lifetime));
    expect(cookieLifetime(now() - lifetime + 60, idle, now())).toBe(60);
    expect(cookieLifetime(now() - lifetime - 60, idle, now())).toBe(1); // the jwt callback has ended it already
    expect(cookieLifetime(undefined, idle)).toBe(idle);
  });

  it("ends a stale session whose device session outlived the absolute lifetime on the server's clock", async () => {
    const me = await person();
    const token = await tokenOf(me, stale());
    const db = await getDb();
    const longAgo = new Date(Date.now() - env.SESSION_MAX_AGE_DAYS * 86_400_000 - 1_000);
    await db.update(deviceSessions).set({ createdAt: longAgo }).where(eq(deviceSessions.id, token.sid!));
    expect((await jwtWithQueries({ token }))[0]).toBeNull();
  });

  it("ends a stale session whose account was deleted", async () => {
    const me = await person();
    const token = await tokenOf(me, stale());
    await deleteUser(me.id, me.sessionVersion);
    expect((await jwtWithQueries({ token }))[0]).toBeNull();
  });

  it("keeps the session (and retries soon) when the database cannot be asked", async () => {
    const me = await person();
    const token = await tokenOf(me, stale());
    const queries = await import("@/db/device-sessions");
    const spy = vi.spyOn(queries, "touchDeviceSession").mockRejectedValueOnce(new Error("connection refused"));
    const next = await nodeJwt({ token: { ...token } } as Parameters<typeof nodeJwt>[0]);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    expect(next).toMatchObject({ sub: me.id, role: "user", sessionVersion: me.sessionVersion });
    // Not stale again for ~30 s (no redirect loop, no query per request during an outage), but not counted as a
    // real check either: it is retried well before a full bound has passed.
    expect(next!.checkedAt).toBeGreaterThan(token.checkedAt!);
    expect(next!.checkedAt).toBeLessThanOrEqual(now() - env.AUTH_REVALIDATE_SECONDS + 30);
  });

  const hostilePayloads: Array<[string, unknown]> = [
    ["a role", { role: "admin" }],
    [
      "identity fields",
      {
        sub: "00000000-0000-4000-8000-000000000000",
        id: "x",
        email: "evil@example.com",
        sessionVersion: 99,
        sid: "someone-elses-sid",
        signedInAt: 9_999_999_999,
      },
    ],
    ["a nested user", { user: { role: "admin", name: "Evil" } }],
    ["extra keys", { isAdmin: true, picture: "javascript:alert(1)", checkedAt: 9_999_999_999 }],
    ["non-string values", { name: 42, image: { url: "x" } }],
    ["1 MB strings", { name: "a".repeat(1_000_000), image: `https://x.example/${"a".repeat(1_000_000)}` }],
    ["a javascript: image", { name: "Evil", image: "javascript:alert(1)" }],
    ["nothing", undefined],
    ["null", null],
    ["a string", "admin"],
  ];

  it.each(hostilePayloads)(
    "on update() takes everything from the database whatever the payload (%s)",
    async (_label, payload) => {
      const me = await person("Ada Lovelace");
      await changeProfile(me.id, { name: "Saved Name", image: "https://img.example/saved.png" });
      const token = await tokenOf(me);
      const [next, queries] = await jwtWithQueries({ token: { ...token }, trigger: "update", session: payload });
      expect(queries).toBe(1);
      expect(next).toEqual({
        ...token,
        name: "Saved Name",
        picture: "https://img.example/saved.png",
        role: "user",
        checkedAt: expect.any(Number),
      });
      expect(await getUserById(me.id)).toMatchObject({ role: "user", email: me.email });
    },
  );

  it("on update() ends the session when the account no longer exists", async () => {
    const token: JWT = {
      sub: "00000000-0000-4000-8000-000000000000",
      name: "Ghost",
      role: "user",
      sessionVersion: 1,
      checkedAt: now(),
    };
    expect((await jwtWithQueries({ token, trigger: "update", session: {} }))[0]).toBeNull();
  });
});
