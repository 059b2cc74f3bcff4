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

  it("holds user below admin", () => {
    expect(hasAtLeast("admin", "user")).toBe(true);
    expect(hasAtLeast("user", "admin")).toBe(false);
  });

  it("knows its roles", () => {
    expect(LOWEST_ROLE).toBe("user");
    expect(isRole("admin")).toBe(true);
    expect(isRole("editor")).toBe(false);
  });
});
