import type { Metadata } from "next";

import { ROUTES } from "@/config/routes";
import { requirePage } from "@/features/auth/server/session";
import { DevicesSection } from "@/features/devices/server/devices-section";

export const metadata: Metadata = { title: "Devices" };

export default async function DevicesSettingsPage() {
  const user = await requirePage(ROUTES.settingsDevices);
  return <DevicesSection userId={user.id} />;
}
