// What the reset page needs to know before it shows its form: whether the link still works. Reads only — the
// form spends the link, so a mail scanner that fetches every link it sees uses nothing up.
import "server-only";

import { findUsableMailLink } from "@/db/mail-links";
import { hashLinkToken } from "@/features/mail/server/link-token";

export async function isUsableResetLink(token: string): Promise<boolean> {
  return (await findUsableMailLink(hashLinkToken(token), "reset-password", new Date())) !== undefined;
}
