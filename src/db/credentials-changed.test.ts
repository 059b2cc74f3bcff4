// INVARIANT (a fork must keep it): a credentials change (a reset, a password change, sign out everywhere, two-factor
// turned on) leaves an intruder nothing pending. Every table that holds rows of an account is declared in
// credentials-changed.ts: voided by the event, or kept with the reason. A new table that references `users` and is
// in neither list fails here — decide there what a remedy does with it. (What the event does to each voided kind
// is tested on both engines in src/features/reauthentication/credentials-changed.int.test.ts.)
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";

import {
  KEPT_ON_CREDENTIALS_CHANGE,
  SET_UP_BEFORE_VERIFICATION,
  VOIDED_ON_CREDENTIALS_CHANGE,
} from "./credentials-changed";
import * as schema from "./schema";

const tables: PgTable[] = Object.values(schema as Record<string, unknown>).filter(
  (value): value is PgTable => value instanceof PgTable,
);
const nameOf = (table: PgTable) => getTableConfig(table).name;
const referencesUsers = (table: PgTable) =>
  getTableConfig(table).foreignKeys.some((key) => key.reference().foreignTable === schema.users);

const voided = Object.values(VOIDED_ON_CREDENTIALS_CHANGE).map(({ table }) => nameOf(table));
const kept = Object.keys(KEPT_ON_CREDENTIALS_CHANGE);

describe("INVARIANT: every table of an account's is voided or kept by a credentials change, on purpose", () => {
  it.each(tables.filter(referencesUsers).map((table) => [nameOf(table)]))("%s is declared", (name) => {
    // A kind may be voided only in part (a two-factor setup, not two-factor itself): then it is kept as well.
    expect(
      voided.includes(name) || kept.includes(name),
      `${name}: add it to VOIDED_ON_ or KEPT_ON_CREDENTIALS_CHANGE`,
    ).toBe(true);
  });

  it("the account itself is kept (its session version moves), and the lists name real tables", () => {
    expect(kept).toContain("users");
    const names = tables.map(nameOf);
    for (const name of [...voided, ...kept]) expect(names).toContain(name);
  });

  it("what a first proof of the address removes is the account's own", () => {
    for (const { table } of Object.values(SET_UP_BEFORE_VERIFICATION)) expect(referencesUsers(table)).toBe(true);
  });
});
