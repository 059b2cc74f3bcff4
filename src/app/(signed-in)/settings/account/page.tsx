import type { Metadata } from "next";

import { ROUTES } from "@/config/routes";
import { requirePage } from "@/features/auth/server/session";
import { accountSecurity } from "@/features/reauthentication/server/account-security";
import { ChangeEmailForm } from "@/features/settings/client/change-email-form";
import { ChangePasswordForm, DeleteAccountForm } from "@/features/settings/client/settings-forms";
import { env } from "@/lib/server/env";

export const metadata: Metadata = { title: "Account settings" };

export default async function AccountSettingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePage(ROUTES.settingsAccount);
  const [params, security] = await Promise.all([searchParams, accountSecurity(user.id)]);
  return (
    <>
      <ChangePasswordForm
        passwordMinLength={env.PASSWORD_MIN_LENGTH}
        justChanged={params.password === "changed"}
        reauth={security.reauth}
      />
      <ChangeEmailForm currentEmail={user.email} verified={security.emailVerified} reauth={security.reauth} />
      <DeleteAccountForm reauth={security.reauth} />
    </>
  );
}
