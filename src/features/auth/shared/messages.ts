// Answers whose words the spec fixes (people's own browser tests of their forks look for them), shared by the
// actions that give them and the pages that show them.

/** Sign-up's one answer, for a new address and a taken one alike. */
export const checkYourInbox = (email: string) => `Check your inbox: we sent a link to ${email}.`;

/**
 * What /login always says (EMAIL_VERIFICATION=required): a sign-up makes no account until its link is opened, and
 * signing in before that answers as a wrong password does — so the page says it up front, for everyone alike.
 */
export const OPEN_THE_LINK_FIRST = "Just created an account? Open the link we sent you first.";

/** The CredentialsSignin code of a right password whose account has two-factor on (no session yet). */
export const SECOND_FACTOR_REQUIRED = "two-factor";

/** /login's `code` when a write found this browser's session ended elsewhere (see sessionEnded()), and what it says. */
export const SESSION_ENDED_CODE = "session-ended";
export const SESSION_ENDED_MESSAGE = "Your session has ended. Please sign in again.";

/** Where a deleted account's browser lands (the home page, with this query), and what it says there. */
export const ACCOUNT_DELETED_QUERY = "account=deleted";
export const ACCOUNT_DELETED_MESSAGE = "Your account was deleted, with everything in it. You are signed out.";
