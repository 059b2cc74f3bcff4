import type { Metadata } from "next";
import { listUsers } from "@/db/queries";
import { UsersTable } from "@/features/admin/users-table";
import { requireRole } from "@/features/auth/session";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireRole("admin", "/admin");
  const users = await listUsers();
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-bold">Users</h1>
      <UsersTable users={users} />
    </section>
  );
}
