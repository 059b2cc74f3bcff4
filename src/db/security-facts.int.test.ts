import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { uniqueEmail } from "@tests/support/users";

import { revokeDeviceSession, startDeviceSession } from "./device-sessions";
import { getDb } from "./index";
import { createUser } from "./queries";
import { passkeys, recoveryCodes, twoFactorSecrets, users } from "./schema";
import { getSecurityFacts } from "./security-facts";

const engine = process.env.TEST_DB_ENGINE;
const NOBODY = "00000000-0000-4000-8000-000000000000";
const DAY = 86_400_000;

const newUser = async () =>
  (await createUser({
    email: uniqueEmail(),
    name: "Ada Lovelace",
    passwordHash: "$2b$10$notarealhashbutlongenough000000000000000000000000000",
  }))!;

async function addPasskey(userId: string, id: string) {
  const db = await getDb();
  await db.insert(passkeys).values({
    id,
    userId,
    publicKey: "key",
    counter: 0,
    transports: [],
    deviceType: "multiDevice",
    backedUp: true,
    aaguid: "00000000-0000-0000-0000-000000000000",
    name: id,
  });
}

describe(`security facts on ${engine}`, () => {
  it("a new account: nothing but itself, in one row", async () => {
    const me = await newUser();
    expect(await getSecurityFacts(me.id, new Date(Date.now() - DAY))).toEqual({
      emailVerified: false,
      twoFactorOn: false,
      recoveryCodesLeft: 0,
      passkeys: 0,
      activeSessions: 0,
    });
  });

  it("counts only this account's things, and only what still protects it: live sessions, unused codes, an enabled second factor", async () => {
    const [me, other] = [await newUser(), await newUser()];
    const db = await getDb();
    const now = new Date();
    const since = new Date(now.getTime() - 30 * DAY);
    await db.update(users).set({ emailVerifiedAt: now }).where(eq(users.id, me.id));

    // A setup not finished is not two-factor.
    await db.insert(twoFactorSecrets).values({ userId: me.id, sealedSecret: "sealed" });
    expect((await getSecurityFacts(me.id, since))!.twoFactorOn).toBe(false);
    await db.update(twoFactorSecrets).set({ enabledAt: now }).where(eq(twoFactorSecrets.userId, me.id));
    await db.insert(recoveryCodes).values([
      { userId: me.id, codeHash: "a" },
      { userId: me.id, codeHash: "b" },
      { userId: me.id, codeHash: "c", usedAt: now },
      { userId: other.id, codeHash: "d" },
    ]);
    await addPasskey(me.id, `passkey-${me.id}`);
    await addPasskey(other.id, `passkey-${other.id}`);

    // Live; another person's; begun before `since` (past the absolute lifetime, so ended); revoked. In this
    // order because each start sweeps ended and revoked rows of anyone older than its own bound.
    const device = { userId: me.id, device: "Chrome on Linux", ip: null };
    const longAgo = new Date(since.getTime() - 2 * DAY);
    await startDeviceSession(device, now, since);
    await startDeviceSession({ ...device, userId: other.id }, now, since);
    await startDeviceSession(device, new Date(since.getTime() - DAY), longAgo);
    await revokeDeviceSession(me.id, await startDeviceSession(device, now, longAgo), now);

    expect(await getSecurityFacts(me.id, since)).toEqual({
      emailVerified: true,
      twoFactorOn: true,
      recoveryCodesLeft: 2,
      passkeys: 1,
      activeSessions: 1,
    });
  });

  it("finds nothing for an account that does not exist", async () => {
    expect(await getSecurityFacts(NOBODY, new Date())).toBeUndefined();
  });
});
