// What the two-factor forms say, shared by the actions that answer and the pages that show them.

export const WRONG_CODE = "That code is not right. Check it and try again.";
/** A wrong code at the sign-in's second step, which ends after TWO_FACTOR_ATTEMPTS: how many the person has left. */
export const wrongCodeTriesLeft = (left: number) =>
  `That code is not right. Check it and try again: ${left} ${left === 1 ? "try" : "tries"} left.`;
export const SIGN_IN_ENDED =
  "This sign-in has ended: it took more than 5 minutes, or too many codes were wrong. Sign in again.";
export const ALREADY_ON = "Two-factor authentication is already on.";
export const NOT_ON = "Two-factor authentication is not on.";
export const SETUP_GONE =
  "This setup has ended: it took more than 15 minutes, too many codes were wrong, or it was replaced. Start again.";
export const SETUP_STARTED =
  "Scan the QR code with your authenticator app, then enter the code it shows and confirm it's you.";

/** The query /settings is opened with after a sign-in with a recovery code. */
export const RECOVERY_CODE_SIGN_IN_PARAM = "signed-in-with";
export const RECOVERY_CODE_SIGN_IN_VALUE = "recovery-code";
export const RECOVERY_CODE_SIGN_IN = `${RECOVERY_CODE_SIGN_IN_PARAM}=${RECOVERY_CODE_SIGN_IN_VALUE}`;

export const recoveryCodeUsedMessage = (left: number) =>
  `You signed in with a recovery code; it will not work again. ${left} recovery code${left === 1 ? "" : "s"} left.` +
  (left <= 3 ? " Regenerate them below, or turn two-factor off and on again with your new device." : "");
export const TOO_MANY_ATTEMPTS = "Too many attempts. Try again in a few minutes.";
