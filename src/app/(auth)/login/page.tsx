import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { FormAlert } from "@/components/form-alert";
import { PageShell } from "@/components/page-shell";
import { LoginForm } from "@/features/auth/client/login-form";
import { safeCallbackUrl } from "@/features/auth/edge/callback-url";
import {
  OPEN_THE_LINK_FIRST,
  SECOND_FACTOR_REQUIRED,
  SESSION_ENDED_CODE,
  SESSION_ENDED_MESSAGE,
} from "@/features/auth/shared/messages";
import { PASSWORD_RESET_DONE, RESET_DONE_PARAM, RESET_DONE_VALUE } from "@/features/password-reset/shared/schemas";
import { twoFactorPath } from "@/features/two-factor/shared/paths";
import { env } from "@/lib/server/env";

export const metadata: Metadata = { title: "Sign in" };

// Signed-in people never get here: the Edge middleware sends them to the dashboard (a guest-only page has nothing
// to protect, so there is no server-side check to add). Redirecting from this page as well would race the
// sign-in form's own navigation when the page is re-rendered after the sign-in action.
export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  // Auth.js's credentials endpoint, refused for want of a second factor, sends the browser here with this code
  // (and the pending sign-in's cookie): on to the code. The form's own sign-in goes there directly.
  if (params.code === SECOND_FACTOR_REQUIRED) redirect(twoFactorPath(callbackUrl));
  return (
    <PageShell width="narrow">
      <h1 className="text-2xl font-bold">Sign in</h1>
      {params[RESET_DONE_PARAM] === RESET_DONE_VALUE && <FormAlert message={PASSWORD_RESET_DONE} />}
      {params.code === SESSION_ENDED_CODE && <FormAlert error={SESSION_ENDED_MESSAGE} />}
      <LoginForm callbackUrl={callbackUrl} />
      {env.EMAIL_VERIFICATION === "required" && (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{OPEN_THE_LINK_FIRST}</p>
      )}
    </PageShell>
  );
}
