// The forms of email verification: the link's own form (its token, submitted as the page opens) and the "send a
// new link" form.
import { z } from "zod";

import { emailSchema } from "@/features/auth/shared/schemas";
import { linkTokenSchema } from "@/features/mail/shared/link-token";

export const openLinkSchema = z.object({ token: linkTokenSchema });

export const resendVerificationSchema = z.object({ email: emailSchema });

/** The answer to "send a new link", whoever the address belongs to. */
export const NEW_LINK_SENT = "If that address has an account waiting to be verified, we sent it a new link.";

export const EMAIL_VERIFIED = "Email verified";

/** The answer to a cancelled email change. */
export const emailChangeCancelled = (email: string) =>
  `The change was cancelled: your account's email stays ${email}. If you didn't ask for it, someone knows your password: reset it now.`;
