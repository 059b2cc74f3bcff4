import { describe, expect, it } from "vitest";

import { hasAtLeast, isRole, LOWEST_ROLE, ranksAtLeast, ROLES } from "./roles";

describe("ranksAtLeast (a role list ranks lowest first)", () => {
  // The fork that adds a role between the two: no check changes, and admins pass the new role's rules.
  const withEditor = ["user", "editor", "admin"] as const;

  it.each([
    ["admin", "editor", true],
    ["editor", "editor", true],
    ["user", "editor", false],
    ["editor", "admin", false],
    ["admin", "user", true],
    ["editor", "user", true],
  ] as const)("%s meets a rule asking for %s: %s", (role, minimum, expected) => {
    expect(ranksAtLeast(withEditor, role, minimum)).toBe(expected);
  });

  it("never lets a role or a minimum the list does not hold pass", () => {
    const order: readonly string[] = withEditor;
    expect(ranksAtLeast(order, "admin", "editr")).toBe(false);
    expect(ranksAtLeast(order, "owner", "user")).toBe(false);
  });
});

describe("hasAtLeast (by ROLES)", () => {
  it("admits every role at a rule asking for the lowest one, and only the highest at the highest", () => {
    const highest = ROLES[ROLES.length - 1]!;
    for (const role of ROLES) {
      expect(hasAtLeast(role, LOWEST_ROLE)).toBe(true);
      expect(hasAtLeast(role, highest)).toBe(role === highest);
    }
  });

  it("ranks by position: each role meets the rules of the roles before it, and none of those after", () => {
    ROLES.forEach((role, held) =>
      ROLES.forEach((minimum, needed) => expect(hasAtLeast(role, minimum)).toBe(held >= needed)),
    );
  });

  it("knows its roles, and nothing else", () => {
    expect(LOWEST_ROLE).toBe(ROLES[0]);
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    // Names no fork will give a role; a role's spelling must match exactly.
    for (const value of ["not-a-role-0x7f", "", "ADMIN", ` ${LOWEST_ROLE}`, 1, null, undefined]) {
      expect(isRole(value)).toBe(false);
    }
  });
});
