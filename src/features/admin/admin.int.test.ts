import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";

import { getDb } from "@/db";
import { getAdminUser } from "@/db/admin-users";
import { listAuthEvents } from "@/db/auth-events";
import { listDeviceSessions, startDeviceSession } from "@/db/device-sessions";
import { createUser, deleteUser, getUserById } from "@/db/queries";
import { authEvents, type User } from "@/db/schema";
import { authorizeCredentials } from "@/features/auth/server/authorize";
import { hashPassword } from "@/features/auth/server/password-hash";
import { IDLE } from "@/lib/shared/form";
import { actAs } from "@tests/support/action-request";
import { form } from "@tests/support/form";
import { uniqueEmail } from "@tests/support/users";

import {
  changeRoleAction,
  deleteUserAction,
  disableUserAction,
  enableUserAction,
  resendVerificationAction,
  signOutUserEverywhereAction,
} from "./actions";

vi.mock("next/headers", async (original) => ({
  ...(await original()),
  ...(await import("@tests/support/action-request")).nextHeaders,
}));
// revalidatePath needs a running Next server's cache; here it only has to be asked.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const engine = process.env.TEST_DB_ENGINE;
const SINCE = new Date(0);

async function person(name: string, role: User["role"] = "user"): Promise<User> {
  const created = await createUser({ email: uniqueEmail(), name, passwordHash: "x", role });
  if (!created) throw new Error("could not create a test person");
  return created;
}

/** The target with two devices signed in. */
async function signedInTwice(name: string): Promise<User> {
  const target = await person(name);
  for (const device of ["Phone", "Laptop"])
    await startDeviceSession({ userId: target.id, device, ip: null }, new Date(), SINCE);
  return target;
}

const PASSWORD = "correct horse battery staple";
const disable = (userId: string) => disableUserAction(IDLE, form({ userId }));
const enable = (userId: string) => enableUserAction(IDLE, form({ userId }));
const resend = (userId: string) => resendVerificationAction(IDLE, form({ userId }));
const signOut = (userId: string) => signOutUserEverywhereAction(IDLE, form({ userId }));
const changeRole = (userId: string, role: string) => changeRoleAction(IDLE, form({ userId, role }));

describe(`an admin's actions on ${engine}`, () => {
  beforeAll(async () => {
    await getDb();
  });

  it("signs a person out everywhere: version bumped, every device session revoked, the event recorded with the admin", async () => {
    const admin = await person("Admin Ada", "admin");
    const target = await signedInTwice("Target Tom");
    expect(await listDeviceSessions(target.id, SINCE)).toHaveLength(2);
    await actAs(admin);

    expect(await signOut(target.id)).toMatchObject({
      status: "success",
      message: "Target Tom is signed out everywhere.",
    });
    expect((await getUserById(target.id))?.sessionVersion).toBe(target.sessionVersion + 1);
    expect(await listDeviceSessions(target.id, SINCE)).toEqual([]);
    const [event] = await listAuthEvents(target.id, 5);
    expect(event).toMatchObject({ type: "sign-out-everywhere", userId: target.id, actorId: admin.id });
    // The admin's own session is untouched.
    expect((await getUserById(admin.id))?.sessionVersion).toBe(admin.sessionVersion);
  });

  it("answers the same for an unknown id, a deleted account and a malformed id", async () => {
    const admin = await person("Admin Ben", "admin");
    const gone = await person("Gone Gail");
    await deleteUser(gone.id, gone.sessionVersion);
    await actAs(admin);
    for (const id of [gone.id, "00000000-0000-4000-8000-000000000000"])
      expect(await signOut(id)).toMatchObject({ status: "error", formError: "That account no longer exists." });
    expect(await signOut("not-a-uuid")).toMatchObject({
      status: "error",
      fieldErrors: { userId: "That account no longer exists." },
    });
  });

  it("changes nothing when a non-admin calls it, nor when the caller was demoted after signing in", async () => {
    const member = await person("Member Mo");
    const target = await signedInTwice("Target Tia");
    await actAs(member);
    expect(await signOut(target.id)).toMatchObject({ formError: "You don't have access to this action." });

    // A token that still says admin, of someone the database no longer holds to be one.
    await actAs({ ...member, role: "admin" });
    expect(await signOut(target.id)).toMatchObject({ formError: "You don't have access to this action." });

    expect((await getUserById(target.id))?.sessionVersion).toBe(target.sessionVersion);
    expect(await listDeviceSessions(target.id, SINCE)).toHaveLength(2);
    expect(await listAuthEvents(target.id, 5)).toEqual([]);
  });

  it("records a role change with the admin who made it, and the roles from and to", async () => {
    const admin = await person("Admin Cy", "admin");
    const target = await person("Promoted Pat");
    await actAs(admin);
    expect(await changeRole(target.id, "admin")).toMatchObject({ status: "success", message: "Role saved." });
    expect(await changeRole(target.id, "admin")).toMatchObject({ status: "success", message: "Role unchanged." });
    expect(await changeRole(target.id, "user")).toMatchObject({ status: "success", message: "Role saved." });

    const events = await listAuthEvents(target.id, 5);
    expect(events.map(({ type, actorId, detail }) => ({ type, actorId, detail }))).toEqual([
      { type: "role-changed", actorId: admin.id, detail: { from: "admin", to: "user" } },
      { type: "role-changed", actorId: admin.id, detail: { from: "user", to: "admin" } },
    ]);
  });

  it("records nothing when a non-admin tries to change a role", async () => {
    const member = await person("Member Max");
    const target = await person("Target Ted");
    await actAs(member);
    expect(await changeRole(target.id, "admin")).toMatchObject({ formError: "You don't have access to this action." });
    expect((await getUserById(target.id))?.role).toBe("user");
    expect(await listAuthEvents(target.id, 5)).toEqual([]);
  });

  it("refuses an admin's own role, disabling and deletion: another admin must (nothing changes, nothing recorded)", async () => {
    const admin = await person("Admin Solo", "admin");
    await actAs(admin);
    expect(await changeRole(admin.id, "user")).toMatchObject({
      formError: "You cannot change your own role: another admin can.",
    });
    expect(await disable(admin.id)).toMatchObject({ formError: "You cannot disable your own account." });
    await expect(deleteUserAction(IDLE, form({ userId: admin.id }))).resolves.toMatchObject({ status: "error" });
    const after = await getUserById(admin.id);
    expect(after).toMatchObject({ role: "admin", disabledAt: null, sessionVersion: admin.sessionVersion });
    expect(await listAuthEvents(admin.id, 5)).toEqual([]);
  });

  it("disables an account: its sessions end, no password signs it in, and enabling lets it in again; each recorded", async () => {
    const admin = await person("Admin Dee", "admin");
    const email = uniqueEmail();
    const target = (await createUser({
      email,
      name: "Disabled Dan",
      passwordHash: await hashPassword(PASSWORD),
      emailVerifiedAt: new Date(),
    }))!;
    await startDeviceSession({ userId: target.id, device: "Phone", ip: null }, new Date(), SINCE);
    expect(await authorizeCredentials({ email, password: PASSWORD })).not.toBeNull();
    await actAs(admin);

    expect(await disable(target.id)).toMatchObject({
      status: "success",
      message: "Disabled Dan is disabled and signed out everywhere.",
    });
    const disabled = await getUserById(target.id);
    expect(disabled?.disabledAt).toBeInstanceOf(Date);
    expect(disabled?.sessionVersion).toBe(target.sessionVersion + 1);
    expect(await listDeviceSessions(target.id, SINCE)).toEqual([]);
    expect(await authorizeCredentials({ email, password: PASSWORD })).toBeNull();
    expect((await getAdminUser(target.id, SINCE))?.disabledAt).toBeInstanceOf(Date);

    expect(await enable(target.id)).toMatchObject({ status: "success", message: "Disabled Dan can sign in again." });
    expect(await authorizeCredentials({ email, password: PASSWORD })).not.toBeNull();

    const types = (await listAuthEvents(target.id, 10)).map(({ type, actorId }) => ({ type, actorId }));
    expect(types).toEqual(
      expect.arrayContaining([
        { type: "account-disabled", actorId: admin.id },
        { type: "sign-in-disabled", actorId: null },
        { type: "account-enabled", actorId: admin.id },
      ]),
    );
  });

  it("deletes an account after which the table says so, the deletion kept with the admin's id though the account's events are gone", async () => {
    const admin = await person("Admin Del", "admin");
    const target = await signedInTwice("Deleted Dora");
    await actAs(admin);
    // Next's redirect signal, which the action lets through: to the table, which says the account was deleted.
    await expect(deleteUserAction(IDLE, form({ userId: target.id }))).rejects.toMatchObject({
      digest: expect.stringContaining(";/admin?deleted=1;"),
    });
    expect(await getUserById(target.id)).toBeUndefined();
    const db = await getDb();
    const kept = await db.select().from(authEvents).where(eq(authEvents.actorId, admin.id));
    expect(kept.map(({ type, userId }) => ({ type, userId }))).toEqual([{ type: "account-deleted", userId: null }]);
    // A second time: the account is gone, the same answer as for any unknown id.
    expect(await deleteUserAction(IDLE, form({ userId: target.id }))).toMatchObject({
      formError: "That account no longer exists.",
    });
  });

  it("resends the verification link of an unverified account only, recording it", async () => {
    const admin = await person("Admin Ver", "admin");
    const unverified = await person("Unverified Una");
    const verified = (await createUser({
      email: uniqueEmail(),
      name: "Verified Vic",
      passwordHash: "x",
      emailVerifiedAt: new Date(),
    }))!;
    await actAs(admin);
    expect(await resend(unverified.id)).toMatchObject({
      status: "success",
      message: `A new verification link is on its way to ${unverified.email}.`,
    });
    expect(await resend(verified.id)).toMatchObject({ message: "Verified Vic's email is already verified." });
    expect((await listAuthEvents(unverified.id, 5)).map(({ type }) => type)).toEqual(["verification-resent"]);
    expect(await listAuthEvents(verified.id, 5)).toEqual([]);
  });

  it("changes nothing when a non-admin disables, enables, deletes or resends", async () => {
    const member = await person("Member Nia");
    const target = await signedInTwice("Target Tomas");
    await actAs(member);
    for (const run of [disable, enable, resend, (id: string) => deleteUserAction(IDLE, form({ userId: id }))])
      expect(await run(target.id)).toMatchObject({ formError: "You don't have access to this action." });
    expect(await getUserById(target.id)).toMatchObject({ disabledAt: null, sessionVersion: target.sessionVersion });
    expect(await listAuthEvents(target.id, 5)).toEqual([]);
  });
});
