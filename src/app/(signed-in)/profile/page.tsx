import type { Metadata } from "next";

import { FormAlert } from "@/components/form-alert";
import { PageShell } from "@/components/page-shell";
import { ROUTES } from "@/config/routes";
import { requirePage } from "@/features/auth/server/session";
import { ProfileForm } from "@/features/profile/client/profile-form";
import { storedProfile } from "@/features/profile/server/stored-profile";
import { SERVICE_UNAVAILABLE } from "@/lib/shared/form";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const user = await requirePage(ROUTES.profile);
  const profile = await storedProfile(user.id);
  return (
    <PageShell>
      <h1 className="text-2xl font-bold">Profile</h1>
      {/* The page's column; the form itself stays form-wide. */}
      <div className="max-w-md">
        {profile ? <ProfileForm {...profile} /> : <FormAlert error={SERVICE_UNAVAILABLE} />}
      </div>
    </PageShell>
  );
}
