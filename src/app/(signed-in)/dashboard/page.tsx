import type { Metadata } from "next";
import { requireUser } from "@/features/auth/session";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">Welcome, {user.name}</h1>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="text-zinc-500">Email</dt>
        <dd data-testid="dashboard-email">{user.email}</dd>
        <dt className="text-zinc-500">Role</dt>
        <dd data-testid="dashboard-role">{user.role}</dd>
      </dl>
    </section>
  );
}
