import type { Metadata } from "next";

import { FormAlert } from "@/components/form-alert";
import { PageShell } from "@/components/page-shell";
import { safeCallbackUrl } from "@/features/auth/edge/callback-url";
import { OpenLinkForm } from "@/features/email-verification/client/open-link-form";
import { ResendVerificationForm } from "@/features/email-verification/client/resend-verification-form";
import { INVALID_LINK, linkTokenOf } from "@/features/mail/shared/link-token";

// Referrer-Policy: next.config.ts sends no-referrer here; the page narrows it to strict-origin, as /reset-password
// does and for the same reason: under no-referrer a form posted without JavaScript carries `Origin: null`, which
// Next refuses. strict-origin sends the origin alone, never the path or the query that holds the token.
export const metadata: Metadata = { title: "Verify email", referrer: "strict-origin" };

// Anyone with the link: it proves the address, whoever is signed in (or nobody). Opening the page spends
// nothing; its form does (see OpenLinkForm).
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const token = linkTokenOf(params.token);
  // Where a sign-up set out for (same-origin paths only): the sign-in after verifying goes on there.
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  return (
    <PageShell width="narrow">
      <h1 className="text-2xl font-bold">Verify email</h1>
      {token ? (
        <OpenLinkForm token={token} callbackUrl={callbackUrl} />
      ) : (
        <>
          <FormAlert error={INVALID_LINK} />
          <ResendVerificationForm />
        </>
      )}
    </PageShell>
  );
}
