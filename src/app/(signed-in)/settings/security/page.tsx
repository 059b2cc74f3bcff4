import type { Metadata } from "next";

import { ROUTES } from "@/config/routes";
import { requirePage } from "@/features/auth/server/session";
import { PasskeysSection } from "@/features/passkeys/server/passkeys-section";
import { TwoFactorSection } from "@/features/two-factor/server/two-factor-section";
import { RECOVERY_CODE_SIGN_IN_PARAM, RECOVERY_CODE_SIGN_IN_VALUE } from "@/features/two-factor/shared/messages";

export const metadata: Metadata = { title: "Security settings" };

export default async function SecuritySettingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePage(ROUTES.settingsSecurity);
  const params = await searchParams;
  return (
    <>
      <TwoFactorSection
        userId={user.id}
        email={user.email}
        justUsedRecoveryCode={params[RECOVERY_CODE_SIGN_IN_PARAM] === RECOVERY_CODE_SIGN_IN_VALUE}
      />
      <PasskeysSection userId={user.id} />
    </>
  );
}
