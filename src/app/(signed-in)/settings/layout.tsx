import type { ReactNode } from "react";

import { PageShell } from "@/components/page-shell";
import { SettingsNav } from "@/features/settings/client/settings-nav";

/** The settings area's frame: its navigation beside the page on wide screens, above it on a phone. No data. */
export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <PageShell>
      <h1 className="text-2xl font-bold">Settings</h1>
      <div className="flex flex-col gap-6 md:flex-row md:gap-10">
        <aside className="md:w-40 md:shrink-0">
          <SettingsNav />
        </aside>
        <div className="min-w-0 flex-1 space-y-10">{children}</div>
      </div>
    </PageShell>
  );
}
