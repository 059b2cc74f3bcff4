import { beforeAll, describe, expect, it, vi } from "vitest";

import { getDb } from "@/db";
import { listAuthEvents } from "@/db/auth-events";
import { listDeviceSessions, startDeviceSession } from "@/db/device-sessions";
import { createUser, deleteUser, getUserById } from "@/db/queries";
import type { User } from "@/db/schema";
import { IDLE } from "@/lib/shared/form";
import { actAs } from "@tests/support/action-request";
import { form } from "@tests/support/form";
import { uniqueEmail } from "@tests/support/users";

import { changeRoleAction, signOutUserEverywhereAction } from "./actions";

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
});
