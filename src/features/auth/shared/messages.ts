// Answers whose words the spec fixes (people's own browser tests of their forks look for them), shared by the
// actions that give them and the pages that show them.

/** Sign-up's one answer, for a new address and a taken one alike. */
export const checkYourInbox = (email: string) => `Check your inbox: we sent a link to ${email}.`;

/** A right password for an account whose address is not verified yet (EMAIL_VERIFICATION=required). */
export const VERIFY_FIRST = "Verify your email first: we sent a new link.";

/** The CredentialsSignin code of a right password whose account has two-factor on (no session yet). */
export const SECOND_FACTOR_REQUIRED = "two-factor";
