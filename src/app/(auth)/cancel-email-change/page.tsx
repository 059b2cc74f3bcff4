import type { Metadata } from "next";
import Link from "next/link";

import { FormAlert } from "@/components/form-alert";
import { PageShell } from "@/components/page-shell";
import { ROUTES } from "@/config/routes";
import { CancelEmailChangeForm } from "@/features/email-verification/client/cancel-email-change-form";
import { INVALID_LINK, linkTokenOf } from "@/features/mail/shared/link-token";

// Referrer-Policy: no-referrer from next.config.ts (every mailed link's page), narrowed here to strict-origin as on
// /verify-email, so a form posted without JavaScript still carries an Origin that Next accepts.
export const metadata: Metadata = { title: "Cancel email change", referrer: "strict-origin" };

// Anyone with the link (sent to the account's address with the notice of a requested change): no session needed —
// the owner may be locked out. Opening the page spends nothing; its button does.
export default async function CancelEmailChangePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const token = linkTokenOf((await searchParams).token);
  return (
    <PageShell width="narrow">
      <h1 className="text-2xl font-bold">Cancel email change</h1>
      {token ? (
        <CancelEmailChangeForm token={token} />
      ) : (
        <>
          <FormAlert error={INVALID_LINK} />
          <p className="text-sm">
            <Link href={ROUTES.forgotPassword.path} className="underline">
              Reset your password
            </Link>
          </p>
        </>
      )}
    </PageShell>
  );
}
