import type { Metadata } from "next";

import { ROUTES } from "@/config/routes";
import { RecentActivitySection } from "@/features/activity/server/recent-activity";
import { requirePage } from "@/features/auth/server/session";

export const metadata: Metadata = { title: "Recent activity" };

export default async function ActivitySettingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePage(ROUTES.settingsActivity);
  const { before } = await searchParams;
  return <RecentActivitySection userId={user.id} before={typeof before === "string" ? before : undefined} />;
}
