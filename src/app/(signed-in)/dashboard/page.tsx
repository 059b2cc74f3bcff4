import type { Metadata } from "next";

import { PageShell } from "@/components/page-shell";
import { ROUTES } from "@/config/routes";
import { requirePage } from "@/features/auth/server/session";
import { AccountSummary } from "@/features/dashboard/server/account-summary";
import { SecurityCheckup } from "@/features/security-checkup/client/security-checkup";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requirePage(ROUTES.dashboard);
  return (
    <PageShell>
      <div className="space-y-8">
        <AccountSummary user={user} />
        {/* Loaded by the card itself (GET /api/me/security): this page reads nothing from the database. */}
        <SecurityCheckup />
      </div>
    </PageShell>
  );
}
