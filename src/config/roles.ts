// Roles, in one edge-safe place: the database enum, the token, the route table and every check use this list.
// Its order is the ranking, lowest first: a rule that asks for a role admits every role ranked at or above it, so a
// role inserted between two others needs no change to any check.
export const ROLES = ["user", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** What a signed-in person is when nothing says more (an unknown or missing role in a token). */
export const LOWEST_ROLE: Role = ROLES[0];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/**
 * Whether `role` ranks at or above `minimum` in `order` (lowest first). A role or a minimum the list does not
 * hold never passes: a typo in a rule must shut the door, not open it.
 */
export function ranksAtLeast<R extends string>(order: readonly R[], role: R, minimum: R): boolean {
  const held = order.indexOf(role);
  const needed = order.indexOf(minimum);
  return held !== -1 && needed !== -1 && held >= needed;
}

/** Whether `role` may do what `minimum` may, by the order of ROLES. The one role check of the app. */
export function hasAtLeast(role: Role, minimum: Role): boolean {
  return ranksAtLeast(ROLES, role, minimum);
}
