// What the two-factor forms say, shared by the actions that answer and the pages that show them.

export const WRONG_CODE = "That code is not right. Check it and try again.";
export const SIGN_IN_ENDED =
  "This sign-in has ended: it took more than 5 minutes, or too many codes were wrong. Sign in again.";
export const ALREADY_ON = "Two-factor authentication is already on.";
export const NOT_ON = "Two-factor authentication is not on.";
export const SETUP_GONE = "This setup is no longer current. Start again with your password.";

/** The query /settings is opened with after a sign-in with a recovery code. */
export const RECOVERY_CODE_SIGN_IN = "signed-in-with=recovery-code";
export const TOO_MANY_ATTEMPTS = "Too many attempts. Try again in a few minutes.";
