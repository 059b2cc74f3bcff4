import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { BENCH_USER } from "@/app/bench/public-dashboard/bench-twin";
import { PageShell } from "@/components/page-shell";
import { AccountSummary } from "@/features/dashboard/server/account-summary";
import { env } from "@/lib/server/env";

export const metadata: Metadata = { title: "Dashboard" };

/** /dashboard's public twin for the benchmark (see bench-twin.ts); a 404 unless BENCH_ROUTES=true. */
export default function PublicDashboardTwin() {
  if (!env.BENCH_ROUTES) notFound();
  return (
    <PageShell>
      <AccountSummary user={BENCH_USER} />
    </PageShell>
  );
}
