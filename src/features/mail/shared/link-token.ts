// The shape of a mail link's token: 32 random bytes, base64url (43 characters, 256 bits). Pages and actions
// check it with this schema before any lookup, so a mangled or hostile value costs no query — and gets the same
// answer as a used, expired or unknown link.
import { z } from "zod";

/** Any link that is used, expired, unknown, tampered with or meant for another page: one answer for all. */
export const INVALID_LINK = "This link is invalid or has expired.";

export const linkTokenSchema = z.string({ error: INVALID_LINK }).regex(/^[A-Za-z0-9_-]{43}$/, INVALID_LINK);

/** The token from a page's `token` search parameter, or null when there is none of the right shape. */
export function linkTokenOf(value: string | string[] | undefined | null): string | null {
  const parsed = linkTokenSchema.safeParse(Array.isArray(value) ? value[0] : value);
  return parsed.success ? parsed.data : null;
}
