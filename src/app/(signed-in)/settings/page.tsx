import type { Metadata } from "next";

import { ROUTES } from "@/config/routes";
import { RecentActivitySection } from "@/features/activity/server/recent-activity";
import { requirePage } from "@/features/auth/server/session";
import { DevicesSection } from "@/features/devices/server/devices-section";
import { PasskeysSection } from "@/features/passkeys/server/passkeys-section";
import { accountSecurity } from "@/features/reauthentication/server/account-security";
import { ChangeEmailForm } from "@/features/settings/client/change-email-form";
import { ChangePasswordForm, DeleteAccountForm } from "@/features/settings/client/settings-forms";
import { TwoFactorSection } from "@/features/two-factor/server/two-factor-section";
import { RECOVERY_CODE_SIGN_IN_PARAM, RECOVERY_CODE_SIGN_IN_VALUE } from "@/features/two-factor/shared/messages";
import { env } from "@/lib/server/env";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePage(ROUTES.settings);
  const [params, security] = await Promise.all([searchParams, accountSecurity(user.id)]);
  return (
    <section className="mx-auto max-w-md space-y-10">
      <h1 className="text-2xl font-bold">Settings</h1>
      <ChangePasswordForm
        passwordMinLength={env.PASSWORD_MIN_LENGTH}
        justChanged={params.password === "changed"}
        reauth={security.reauth}
      />
      <ChangeEmailForm currentEmail={user.email} verified={security.emailVerified} reauth={security.reauth} />
      <TwoFactorSection
        userId={user.id}
        email={user.email}
        justUsedRecoveryCode={params[RECOVERY_CODE_SIGN_IN_PARAM] === RECOVERY_CODE_SIGN_IN_VALUE}
      />
      <PasskeysSection userId={user.id} />
      <DevicesSection userId={user.id} />
      <RecentActivitySection userId={user.id} />
      <DeleteAccountForm reauth={security.reauth} />
    </section>
  );
}
