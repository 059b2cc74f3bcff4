import type { Metadata } from "next";
import { requireUser } from "@/features/auth/server/session";
import { AccountSummary } from "@/features/dashboard/account-summary";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  return <AccountSummary user={user} />;
}
