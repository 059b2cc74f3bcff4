import type { Metadata } from "next";
import Link from "next/link";

import { FormAlert } from "@/components/form-alert";
import { ROUTES } from "@/config/routes";
import { INVALID_LINK, linkTokenOf } from "@/features/mail/shared/link-token";
import { ResetPasswordForm } from "@/features/password-reset/client/reset-password-form";
import { isUsableResetLink } from "@/features/password-reset/server/reset-link";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Set a new password" };

// Anyone with the link. Opening the page only reads (a mail scanner's GET spends nothing); the form spends the
// link. next.config.ts sends Referrer-Policy: no-referrer here, so the token in the URL goes nowhere else.
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const token = linkTokenOf((await searchParams).token);
  const usable = token !== null && (await isUsableResetLink(token));
  return (
    <section className="mx-auto max-w-sm space-y-6">
      <h1 className="text-2xl font-bold">Set a new password</h1>
      {token && usable ? (
        <ResetPasswordForm token={token} passwordMinLength={env.PASSWORD_MIN_LENGTH} />
      ) : (
        <>
          <FormAlert error={INVALID_LINK} />
          <p className="text-sm">
            <Link href={ROUTES.forgotPassword.path} className="underline">
              Get a new link
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
