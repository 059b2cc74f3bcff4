import "server-only";

import type { Role } from "@/config/roles";

export interface AccountSummaryProps {
  user: { name: string; email: string; role: Role };
}

/** The dashboard's content: who you are signed in as. */
export function AccountSummary({ user }: AccountSummaryProps) {
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">Welcome, {user.name}</h1>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="text-zinc-600 dark:text-zinc-400">Email</dt>
        <dd data-testid="dashboard-email">{user.email}</dd>
        <dt className="text-zinc-600 dark:text-zinc-400">Role</dt>
        <dd data-testid="dashboard-role">{user.role}</dd>
      </dl>
    </section>
  );
}
