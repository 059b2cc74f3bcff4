// The links the app sends by mail, and how long each one works. Pure data, shared by the database schema (the
// purpose enum), the server code that issues and spends links, and the pages that explain them.

export const LINK_PURPOSES = ["verify-email", "reset-password", "change-email"] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/** How long a link works after it is sent: a reset is short-lived, the address checks are not urgent. */
export const LINK_LIFETIME_MS: Record<LinkPurpose, number> = {
  "reset-password": 30 * MINUTE,
  "verify-email": 24 * HOUR,
  "change-email": 24 * HOUR,
};

/** The page each link opens (the token rides in its `token` query parameter). */
export const LINK_PAGE: Record<LinkPurpose, string> = {
  "reset-password": "/reset-password",
  "verify-email": "/verify-email",
  "change-email": "/verify-email",
};
