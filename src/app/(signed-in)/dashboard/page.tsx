import type { Metadata } from "next";

import { PageShell } from "@/components/page-shell";
import { ROUTES } from "@/config/routes";
import { requirePage } from "@/features/auth/server/session";
import { AccountSummary } from "@/features/dashboard/server/account-summary";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requirePage(ROUTES.dashboard);
  return (
    <PageShell>
      <AccountSummary user={user} />
    </PageShell>
  );
}
