// Security events on a real engine: what is stored, what is logged, what is swept, and that a sign-out from a
// saved cookie is refused — the events are the record of those, and the log line is what a pipeline alerts on.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";

import { getDb } from "@/db";
import { listAuthEvents } from "@/db/auth-events";
import { createUser } from "@/db/queries";
import { authEvents } from "@/db/schema";
import { openDeviceSession } from "@/features/devices/server/device-session";
import { deliveriesSettled } from "@/features/mail/server/deliver";
import { env } from "@/lib/server/env";
import { logger } from "@/lib/server/logger";
import { receivedMail, receivedMails } from "@tests/support/test-mailbox";
import { uniqueEmail } from "@tests/support/users";

import { recordAuthEvent } from "./server/record";

const origin = { device: "Firefox 133 on Windows 10", ip: "203.0.113.9" };
const NEW_SIGN_IN = "New sign-in to your account";

async function person() {
  const created = await createUser({ email: uniqueEmail(), name: "Ada", passwordHash: "$2b$12$secret-hash" });
  if (!created) throw new Error("could not create a test person");
  return created;
}

describe(`security events on ${process.env.TEST_DB_ENGINE}`, () => {
  it("stores an event with its device, IP, actor and detail, newest first", async () => {
    const [me, admin] = [await person(), await person()];
    await recordAuthEvent("sign-in", { account: { userId: me.id }, origin, sessionId: "s".repeat(16) });
    await recordAuthEvent("role-changed", {
      account: { userId: me.id },
      origin,
      actorId: admin.id,
      detail: { from: "user", to: "admin" },
      now: new Date(Date.now() + 1_000),
    });
    const events = await listAuthEvents(me.id, 20);
    expect(events.map(({ type }) => type)).toEqual(["role-changed", "sign-in"]);
    expect(events[0]).toMatchObject({ actorId: admin.id, detail: { from: "user", to: "admin" }, ...origin });
    expect(events[1]).toMatchObject({ actorId: null, sessionId: "s".repeat(16) });
  });

  it("pages by keyset: every event once, newest first, with ties in one microsecond kept apart by id", async () => {
    const [me, other] = [await person(), await person()];
    const db = await getDb();
    // 45 events, three to a moment, some of them within one millisecond (a cursor carried as a JS time would skip).
    const base = Date.now() - 60_000;
    await db.insert(authEvents).values(
      Array.from({ length: 45 }, (_, i) => ({
        type: "sign-in" as const,
        userId: me.id,
        createdAt: new Date(base + Math.floor(i / 3) * 1_000),
      })),
    );
    // About half of each moment's events moved 7 µs later: ties, and neighbours a millisecond cannot tell apart.
    await db.execute(sql`update ${authEvents} set created_at = created_at + interval '7 microseconds'
      where ${authEvents.userId} = ${me.id} and left(${authEvents.id}::text, 1) < '8'`);
    const all = await listAuthEvents(me.id, 100);
    const pages: string[][] = [];
    let before: string | undefined;
    do {
      const page = await listAuthEvents(me.id, 20, before);
      pages.push(page.map(({ id }) => id));
      before = page.length === 20 ? page.at(-1)!.id : undefined;
    } while (before);
    expect(pages.map((page) => page.length)).toEqual([20, 20, 5]);
    expect(pages.flat()).toEqual(all.map(({ id }) => id));
    // A cursor that is not this account's event — another's, or made up — gives nothing, never another's rows.
    await recordAuthEvent("sign-in", { account: { userId: other.id }, origin });
    const othersEvent = (await listAuthEvents(other.id, 1))[0]!.id;
    expect(await listAuthEvents(me.id, 20, othersEvent)).toEqual([]);
    expect(await listAuthEvents(me.id, 20, "00000000-0000-4000-8000-000000000000")).toEqual([]);
  });

  it("stores a failed sign-in under the account that has the address, and none for an unknown address", async () => {
    const me = await person();
    const db = await getDb();
    const unknownOrigin = { device: "curl/8.5.0", ip: "198.51.100.77" };
    await recordAuthEvent("sign-in-failed", { account: { email: me.email }, origin });
    await recordAuthEvent("sign-in-failed", { account: { email: uniqueEmail("nobody") }, origin: unknownOrigin });
    expect((await listAuthEvents(me.id, 20)).map(({ type }) => type)).toEqual(["sign-in-failed"]);
    expect(await db.select().from(authEvents).where(eq(authEvents.ip, unknownOrigin.ip))).toEqual([]);
  });

  it("stores a flood of throttled attempts once a minute per account, and logs each", async () => {
    const me = await person();
    const info = vi.spyOn(logger, "info");
    try {
      const at = (seconds: number) => new Date(Date.now() + seconds * 1_000);
      for (const seconds of [0, 1, 30, 59, 61])
        await recordAuthEvent("sign-in-throttled", {
          account: { email: me.email },
          origin,
          now: at(seconds),
          onceWithinMs: 60_000,
        });
      expect((await listAuthEvents(me.id, 20)).map(({ type }) => type)).toEqual([
        "sign-in-throttled",
        "sign-in-throttled",
      ]);
      expect(info).toHaveBeenCalledTimes(5);
    } finally {
      info.mockRestore();
    }
  });

  it("logs one JSON-ready line per event, with a masked address and no password, hash or token", async () => {
    const me = await person();
    const info = vi.spyOn(logger, "info");
    try {
      await recordAuthEvent("sign-in-failed", { account: { email: me.email }, origin });
      await recordAuthEvent("email-changed", {
        account: { userId: me.id },
        origin,
        detail: { previousEmail: "old.address@example.com" },
      });
      const lines = info.mock.calls.map(([fields]) => JSON.stringify(fields));
      expect(lines).toHaveLength(2);
      expect(JSON.parse(lines[0]!)).toMatchObject({ event: "sign-in-failed", ip: origin.ip, device: origin.device });
      expect(lines[0]).not.toContain(me.email);
      expect(lines[0]).toContain(me.email.replace(/^(.).*(@.*)$/, "$1***$2"));
      expect(lines[1]).not.toContain("old.address@");
      expect(lines.join("\n")).not.toMatch(/\$2[aby]\$|password|secret-hash/i);
    } finally {
      info.mockRestore();
    }
  });

  it("keeps the person's action when the event cannot be stored, and logs why", async () => {
    const error = vi.spyOn(logger, "error");
    try {
      // A user id with no row: the foreign key refuses the insert.
      const ghost = "00000000-0000-4000-8000-000000000000";
      await expect(recordAuthEvent("sign-out", { account: { userId: ghost }, origin })).resolves.toBeUndefined();
      expect(error).toHaveBeenCalledWith(expect.objectContaining({ event: "sign-out" }), "auth event not stored");
    } finally {
      error.mockRestore();
    }
  });

  it("mails the owner at a sign-in from a device never seen before, but not at the first, a known one or an update", async () => {
    const me = await person();
    const since = Date.now();
    const signIn = (device: string, ip = "203.0.113.9") =>
      openDeviceSession(me, { device, ip }, { methods: ["pwd"], now: new Date() });
    await signIn("Firefox 133 on Windows"); // the first: nothing to compare with
    await signIn("Firefox 133 on Windows", "198.51.100.4"); // a known device, elsewhere
    await signIn("Firefox 140 on Windows"); // the same browser, updated
    await deliveriesSettled();
    expect(receivedMails({ to: me.email, subject: NEW_SIGN_IN, since })).toEqual([]);

    await signIn("Safari 17 on iOS 17.5", "::ffff:192.0.2.44");
    await deliveriesSettled();
    const notice = await receivedMail({ to: me.email, subject: NEW_SIGN_IN, since });
    expect(notice.text).toContain("Safari 17 on iOS 17.5, from 192.0.2.44");
    expect(notice.links.map((link) => new URL(link).pathname)).toContain("/settings/devices");
    await signIn("Safari 17 on iOS 17.5");
    await deliveriesSettled();
    expect(receivedMails({ to: me.email, subject: NEW_SIGN_IN, since })).toHaveLength(1);
  });

  it(`deletes events older than AUTH_EVENTS_RETENTION_DAYS (${env.AUTH_EVENTS_RETENTION_DAYS}) at the next sign-in`, async () => {
    const me = await person();
    const now = Date.now();
    const day = 86_400_000;
    const old = new Date(now - (env.AUTH_EVENTS_RETENTION_DAYS + 1) * day);
    const recent = new Date(now - (env.AUTH_EVENTS_RETENTION_DAYS - 1) * day);
    await recordAuthEvent("password-changed", { account: { userId: me.id }, origin, now: old });
    await recordAuthEvent("email-changed", { account: { userId: me.id }, origin, now: recent });
    await openDeviceSession(me, origin, { methods: ["pwd"], now: new Date(now) });
    expect((await listAuthEvents(me.id, 20)).map(({ type }) => type)).toEqual(["sign-in", "email-changed"]);
  });
});
