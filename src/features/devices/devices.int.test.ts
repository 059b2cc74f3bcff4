import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";

import { HOME_PATH } from "@/config/routes";
import { getDb, queryCount } from "@/db";
import { listAuthEvents } from "@/db/auth-events";
import { listDeviceSessions, startDeviceSession } from "@/db/device-sessions";
import { createUser } from "@/db/queries";
import { deviceSessions } from "@/db/schema";
import { signedInSince } from "@/features/devices/server/device-session";
import { env } from "@/lib/server/env";
import { IDLE } from "@/lib/shared/form";
import { actAs, request } from "@tests/support/action-request";
import { uniqueEmail } from "@tests/support/users";

import { revokeDeviceAction, signOutOtherDevicesAction } from "./actions";
import { ALREADY_SIGNED_OUT, NOT_A_DEVICE } from "./shared/schemas";

vi.mock("next/headers", async (original) => ({
  ...(await original()),
  ...(await import("@tests/support/action-request")).nextHeaders,
}));
// There is no Next.js cache outside a server; what the actions ask of it is that the settings page is re-rendered.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

async function person(name = "Ada Lovelace") {
  const created = await createUser({ email: uniqueEmail(), name, passwordHash: "x", emailVerifiedAt: new Date() });
  if (!created) throw new Error("could not create a test person");
  return created;
}

/** The ids of the person's live device sessions. */
async function liveSessions(userId: string): Promise<string[]> {
  const now = new Date();
  return (await listDeviceSessions(userId, signedInSince(now))).map((session) => session.id).sort();
}

const revoke = (sessionId: string) => {
  const form = new FormData();
  form.append("sessionId", sessionId);
  return revokeDeviceAction(IDLE, form);
};

describe(`the Devices actions on ${process.env.TEST_DB_ENGINE}`, () => {
  beforeAll(async () => {
    await getDb();
  });

  it("sign out one of my other devices: its row is revoked, this one stays, and the event names the device", async () => {
    const me = await person();
    const other = await actAs(me); // a session elsewhere…
    const here = await actAs(me); // …and this request's own
    const state = await revoke(other);
    expect(state).toEqual({ status: "success", message: "Signed out Vitest.", values: { sessionId: other } });
    expect(await liveSessions(me.id)).toEqual([here]);
    const [event] = await listAuthEvents(me.id, 1);
    expect(event).toMatchObject({
      type: "device-revoked",
      sessionId: here,
      actorId: null,
      detail: { revokedDevice: "Vitest" },
      ip: "203.0.113.7",
    });
  });

  it("someone else's session id changes nothing, and answers exactly as an unknown id does", async () => {
    const victim = await person("Victim");
    const victimSession = await actAs(victim);
    const me = await person("Mallory");
    await actAs(me);
    const eventsBefore = await listAuthEvents(me.id, 20);

    const forVictim = await revoke(victimSession);
    const forUnknown = await revoke("AAAAAAAAAAAAAAAA");
    expect(forVictim.status).toBe("success");
    expect(forVictim.message).toBe(ALREADY_SIGNED_OUT);
    expect({ ...forUnknown, values: undefined }).toEqual({ ...forVictim, values: undefined });
    expect(await liveSessions(victim.id)).toEqual([victimSession]);
    expect(await listAuthEvents(me.id, 20)).toEqual(eventsBefore); // nothing recorded for either
    expect(await listAuthEvents(victim.id, 20)).toEqual([]);
  });

  it("an id already signed out answers the same, and one of the wrong shape is a form error that costs no query", async () => {
    const me = await person();
    const other = await actAs(me);
    await actAs(me);
    expect((await revoke(other)).message).toBe("Signed out Vitest.");
    expect((await revoke(other)).message).toBe(ALREADY_SIGNED_OUT);
    for (const malformed of ["", "short", "A".repeat(17), "AAAAAAAAAAAAAAA=", "AAAA AAAA AAAA AA"]) {
      const before = queryCount();
      const state = await revoke(malformed);
      expect(queryCount() - before).toBe(0);
      expect(state.status).toBe("error");
      expect(state.fieldErrors).toEqual({ sessionId: NOT_A_DEVICE });
    }
  });

  it("this browser's own id signs this browser out: its row is revoked and its cookie cleared", async () => {
    const me = await person();
    const other = await actAs(me);
    const here = await actAs(me);
    const form = new FormData();
    form.append("sessionId", here);
    form.append("navigation", "client");
    const state = await revokeDeviceAction(IDLE, form);
    expect(state).toMatchObject({ status: "success", redirectTo: HOME_PATH });
    expect(await liveSessions(me.id)).toEqual([other]);
    expect(request.cookies.get("authjs.session-token")?.value ?? "").toBe("");
    expect((await listAuthEvents(me.id, 1))[0]).toMatchObject({ type: "sign-out", sessionId: here });
  });

  it("a revoked session cannot sign out anyone: it is sent to sign in, told the session ended", async () => {
    const me = await person();
    const other = await actAs(me);
    const here = await actAs(me);
    await (await getDb()).update(deviceSessions).set({ revokedAt: new Date() }).where(eq(deviceSessions.id, here));
    await expect(revoke(other)).rejects.toMatchObject({ digest: expect.stringContaining("/login?code=session-ended") });
    expect(await liveSessions(me.id)).toEqual([other]);
  });

  it("sign out of all other devices: every other session ends, this one stays, and the event is recorded", async () => {
    const me = await person();
    const stranger = await person("Stranger");
    const strangers = await actAs(stranger);
    await actAs(me);
    await actAs(me);
    const here = await actAs(me);
    const state = await signOutOtherDevicesAction(IDLE, new FormData());
    expect(state).toEqual({ status: "success", message: "Signed out 2 other devices.", values: {} });
    expect(await liveSessions(me.id)).toEqual([here]);
    expect(await liveSessions(stranger.id)).toEqual([strangers]);
    expect((await listAuthEvents(me.id, 1))[0]).toMatchObject({ type: "sign-out-other-devices", sessionId: here });
    // Again, with nothing left to end.
    expect((await signOutOtherDevicesAction(IDLE, new FormData())).message).toBe("No other device was signed in.");
    expect(await liveSessions(me.id)).toEqual([here]);
  });
});

describe(`device sessions clean up after themselves on ${process.env.TEST_DB_ENGINE}`, () => {
  it("revoked rows and rows older than SESSION_MAX_AGE_DAYS are deleted by the next sign-in, of anyone", async () => {
    const db = await getDb();
    const me = await person();
    const revoked = await actAs(me);
    const expired = await actAs(me);
    const here = await actAs(me);
    expect((await revoke(revoked)).message).toBe("Signed out Vitest.");
    const longAgo = new Date(Date.now() - (env.SESSION_MAX_AGE_DAYS * 86_400 + 60) * 1000);
    await db.update(deviceSessions).set({ createdAt: longAgo }).where(eq(deviceSessions.id, expired));
    // An expired row is not live even before it is swept.
    expect(await liveSessions(me.id)).toEqual([here]);

    const now = new Date();
    const someoneElse = await person("Someone Else");
    await startDeviceSession({ userId: someoneElse.id, device: "Vitest", ip: null }, now, signedInSince(now));
    const rows = await db
      .select({ id: deviceSessions.id })
      .from(deviceSessions)
      .where(inArray(deviceSessions.id, [revoked, expired, here]));
    expect(rows.map((row) => row.id)).toEqual([here]);
  });
});
