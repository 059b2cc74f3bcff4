import type { Metadata } from "next";

import { ROUTES } from "@/config/routes";
import { requirePage } from "@/features/auth/server/session";
import { ProfileForm } from "@/features/profile/client/profile-form";
import { storedProfile } from "@/features/profile/server/stored-profile";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const user = await requirePage(ROUTES.profile);
  return (
    <section className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Profile</h1>
      <ProfileForm {...await storedProfile(user.id)} />
    </section>
  );
}
