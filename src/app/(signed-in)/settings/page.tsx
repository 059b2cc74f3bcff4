import { redirect } from "next/navigation";

import { ROUTES } from "@/config/routes";
import { requirePage } from "@/features/auth/server/session";

/** /settings opens the area's first page; it reads nothing itself. */
export default async function SettingsPage() {
  await requirePage(ROUTES.settings);
  redirect(ROUTES.settings.landsOn);
}
