import type { Metadata } from "next";

import { PageShell } from "@/components/page-shell";
import { safeCallbackUrl } from "@/features/auth/edge/callback-url";
import { TwoFactorForm } from "@/features/two-factor/client/two-factor-form";

export const metadata: Metadata = { title: "Two-factor authentication" };

// Guest-only, as /login is: the person is not signed in until this step is done. Which sign-in it finishes is the
// server's to know (the verify actions); this page only asks for the code.
export default async function TwoFactorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  return (
    <PageShell width="narrow">
      <h1 className="text-2xl font-bold">Two-factor authentication</h1>
      <TwoFactorForm callbackUrl={callbackUrl} recovery={params.recovery === "1"} />
    </PageShell>
  );
}
