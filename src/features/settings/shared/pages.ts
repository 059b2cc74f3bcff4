// The pages of the settings area, in the order its navigation lists them; the first is where /settings lands.
// Each is a route of its own in src/config/routes.ts (with its own declared reads); this list only names them.
import { ROUTES, type RouteEntry } from "@/config/routes";

export interface SettingsPage {
  readonly route: RouteEntry;
  readonly label: string;
}

export const SETTINGS_PAGES: readonly SettingsPage[] = [
  { route: ROUTES.settingsAccount, label: "Account" },
  { route: ROUTES.settingsSecurity, label: "Security" },
  { route: ROUTES.settingsDevices, label: "Devices" },
  { route: ROUTES.settingsActivity, label: "Activity" },
];
