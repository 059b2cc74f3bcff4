import type { Metadata } from "next";
import Link from "next/link";

import { PageShell } from "@/components/page-shell";
import { DEV_OUTBOX_PATH, pathReturningTo, ROUTES, SIGN_IN_PATH } from "@/config/routes";
import { RegisterForm } from "@/features/auth/client/register-form";
import { safeCallbackUrl } from "@/features/auth/edge/callback-url";
import { env } from "@/lib/server/env";

export const metadata: Metadata = { title: "Create account" };

// Signed-in people never get here: the Edge middleware sends them to the dashboard (a guest-only page has nothing
// to protect, so there is no server-side check to add). Redirecting from this page as well would race the
// sign-in form's own navigation when the page is re-rendered after the sign-in action.
export default async function RegisterPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  return (
    <PageShell width="narrow">
      <h1 className="text-2xl font-bold">Create account</h1>
      <RegisterForm
        callbackUrl={callbackUrl}
        passwordMinLength={env.PASSWORD_MIN_LENGTH}
        registerPath={pathReturningTo(ROUTES.register.path, callbackUrl)}
        devOutbox={env.SMTP_URL ? undefined : DEV_OUTBOX_PATH}
      />
      <p className="text-sm">
        Already have an account?{" "}
        <Link href={SIGN_IN_PATH} className="underline">
          Sign in
        </Link>
      </p>
    </PageShell>
  );
}
