import { describe, expect, it } from "vitest";

import { uniqueEmail } from "@tests/support/users";

import { readProfile, updateProfile } from "./profile";
import { createUser, getUserById } from "./queries";
import { PROFILE_COLUMNS, users, type Profile } from "./schema";

const engine = process.env.TEST_DB_ENGINE;
const NOBODY = "00000000-0000-4000-8000-000000000000";

const newUser = () =>
  createUser({
    email: uniqueEmail(),
    name: "Ada Lovelace",
    passwordHash: "$2b$10$notarealhashbutlongenough000000000000000000000000000",
  });

/**
 * A value for every profile column, different from what newUser() stores, so a column left out of the write shows.
 * Text columns get a two-line value (a multiline field keeps its line breaks); another kind needs a sample here.
 */
function sampleProfile(): Profile {
  const sample = (column: (typeof PROFILE_COLUMNS)[number]) => {
    if (users[column].dataType !== "string") throw new Error(`no sample value for profile column ${column}: add one`);
    return `${column}: first line\nsecond line`;
  };
  return Object.fromEntries(PROFILE_COLUMNS.map((column) => [column, sample(column)])) as Profile;
}

describe(`profile queries on ${engine}`, () => {
  it("writes every profile column of exactly one row, and reads them back", async () => {
    const [me, other] = [await newUser(), await newUser()];
    const profile = sampleProfile();
    const updated = await updateProfile(me!.id, profile);
    expect(updated).toMatchObject({ id: me!.id, ...profile });
    expect(updated!.updatedAt.getTime()).toBeGreaterThanOrEqual(me!.updatedAt.getTime());
    expect(await readProfile(me!.id)).toEqual(profile);
    expect(await getUserById(other!.id)).toEqual(other);
  });

  it("writes nothing but the profile, whatever else the object carries", async () => {
    const me = await newUser();
    const smuggled = { ...sampleProfile(), role: "admin", email: uniqueEmail(), sessionVersion: 99 } as Profile;
    const updated = await updateProfile(me!.id, smuggled);
    expect(updated).toMatchObject({ role: me!.role, email: me!.email, sessionVersion: me!.sessionVersion });
  });

  it("finds nothing for an id that does not exist", async () => {
    expect(await updateProfile(NOBODY, { ...sampleProfile(), image: null })).toBeUndefined();
    expect(await readProfile(NOBODY)).toBeUndefined();
  });
});
