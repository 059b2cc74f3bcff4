// The links the app sends by mail, and how long each one works. Pure data, shared by the database schema (the
// purpose enum), the server code that issues and spends links, and the pages that explain them.

import { ROUTES } from "./routes";

export const LINK_PURPOSES = ["verify-email", "reset-password", "change-email", "cancel-email-change"] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/** How long a link works after it is sent: a reset is short-lived, the address checks are not urgent. */
export const LINK_LIFETIME_MS: Record<LinkPurpose, number> = {
  "reset-password": 30 * MINUTE,
  "verify-email": 24 * HOUR,
  "change-email": 24 * HOUR,
  // Sent to the old address with the change's notice: it must outlive the change link it cancels.
  "cancel-email-change": 24 * HOUR,
};

/** The page each link opens (the token rides in its `token` query parameter). */
export const LINK_PAGE: Record<LinkPurpose, string> = {
  "reset-password": ROUTES.resetPassword.path,
  "verify-email": ROUTES.verifyEmail.path,
  "change-email": ROUTES.verifyEmail.path,
  "cancel-email-change": ROUTES.cancelEmailChange.path,
};

/** How long a pending registration (EMAIL_VERIFICATION=required: no account until its link is opened) waits. */
export const REGISTRATION_LIFETIME_MS = 24 * HOUR;
