import type { Metadata } from "next";

import { ROUTES } from "@/config/routes";
import { AdminUserDetail } from "@/features/admin/server/user-detail";
import { requirePage } from "@/features/auth/server/session";

export const metadata: Metadata = { title: "Admin · Person" };

/** One person, as an admin sees them: /admin's entry covers it (its role, checked live), and its own reads. */
export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requirePage(ROUTES.admin);
  return <AdminUserDetail id={(await params).id} viewerId={admin.id} />;
}
