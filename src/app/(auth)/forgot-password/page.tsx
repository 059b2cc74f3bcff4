import type { Metadata } from "next";
import Link from "next/link";

import { PageShell } from "@/components/page-shell";
import { SIGN_IN_PATH } from "@/config/routes";
import { ForgotPasswordForm } from "@/features/password-reset/client/forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

// Signed out only: the Edge guard sends signed-in people to the dashboard (a guest-only page has nothing to
// protect, so there is no server-side check to add).
export default function ForgotPasswordPage() {
  return (
    <PageShell width="narrow">
      <h1 className="text-2xl font-bold">Forgot password</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Enter the email of your account and we will send you a link to set a new password.
      </p>
      <ForgotPasswordForm />
      <p className="text-sm">
        Remembered it?{" "}
        <Link href={SIGN_IN_PATH} className="underline">
          Sign in
        </Link>
      </p>
    </PageShell>
  );
}
