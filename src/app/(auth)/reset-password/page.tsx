import type { Metadata } from "next";

import { PageShell } from "@/components/page-shell";
import { linkTokenOf } from "@/features/mail/shared/link-token";
import { InvalidResetLink, ResetPasswordForm } from "@/features/password-reset/client/reset-password-form";
import { isUsableResetLink } from "@/features/password-reset/server/reset-link";
import { env } from "@/lib/server/env";

// next.config.ts sends Referrer-Policy: no-referrer here. That alone would break the form without JavaScript: under
// no-referrer a browser sends `Origin: null` with a form's POST, and Next refuses a server action whose origin
// does not match. `strict-origin` sends the origin alone — never the path or query, so the token still goes
// nowhere — and the same-origin POST carries its real Origin.
export const metadata: Metadata = { title: "Set a new password", referrer: "strict-origin" };

// Anyone with the link. Opening the page only reads (a mail scanner's GET spends nothing); the form spends the
// link.
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const token = linkTokenOf((await searchParams).token);
  return (
    <PageShell width="narrow">
      <h1 className="text-2xl font-bold">Set a new password</h1>
      {token ? (
        <ResetPasswordForm
          token={token}
          usable={await isUsableResetLink(token)}
          passwordMinLength={env.PASSWORD_MIN_LENGTH}
        />
      ) : (
        <InvalidResetLink />
      )}
    </PageShell>
  );
}
