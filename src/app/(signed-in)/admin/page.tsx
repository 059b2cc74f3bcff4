import type { Metadata } from "next";

import { ROUTES } from "@/config/routes";
import { AdminUsers, type AdminSearchParams } from "@/features/admin/server/users-table";
import { requirePage } from "@/features/auth/server/session";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage({ searchParams }: { searchParams: Promise<AdminSearchParams> }) {
  const admin = await requirePage(ROUTES.admin);
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-bold">Users</h1>
      <AdminUsers params={await searchParams} viewerId={admin.id} />
    </section>
  );
}
