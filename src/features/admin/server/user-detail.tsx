import "server-only";

import Link from "next/link";
import { z } from "zod";

import { FormAlert } from "@/components/form-alert";
import { Badge } from "@/components/ui/badge";
import { RECENT_ACTIVITY_LIMIT } from "@/config/auth-events";
import { ROUTES } from "@/config/routes";
import { getAdminUser, getUserActivity } from "@/db/admin-users";
import { listDeviceSessions } from "@/db/device-sessions";
import { AccountPanel } from "@/features/admin/client/account-panel";
import { RoleSelect } from "@/features/admin/client/role-select";
import { signedInSince } from "@/features/devices/server/device-session";
import { UNKNOWN_DEVICE } from "@/lib/server/device-label";
import { formatDateTime } from "@/lib/shared/format-time";

import { ACCOUNT_GONE } from "../shared/schemas";
import { accountFacts } from "./account-facts";
import { UserActivity } from "./user-activity";

const BACK = (
  <Link href={ROUTES.admin.path} className="text-sm underline underline-offset-2">
    ← All users
  </Link>
);

/**
 * /admin/users/<id>: one person's facts, role and actions, their signed-in devices and their newest events. Three
 * statements, run at once. An id that is not one, or an account that is gone, gets the same message.
 */
export async function AdminUserDetail({ id, viewerId }: { id: string; viewerId: string }) {
  if (!z.uuid().safeParse(id).success) return <Gone />;
  const since = signedInSince(new Date());
  const [user, devices, activity] = await Promise.all([
    getAdminUser(id, since),
    listDeviceSessions(id, since),
    getUserActivity(id, RECENT_ACTIVITY_LIMIT),
  ]);
  if (!user) return <Gone />;
  const self = user.id === viewerId;
  const facts: Array<[string, string]> = [
    ["Email", user.email],
    ["Verified", user.emailVerifiedAt ? `Yes, ${formatDateTime(user.emailVerifiedAt)}` : "No"],
    ["Two-factor", user.twoFactorOn ? "On" : "Off"],
    ["Passkeys", String(user.passkeys)],
    ["Last sign-in", user.lastSignInAt ? formatDateTime(user.lastSignInAt) : "Never"],
    ["Created", formatDateTime(user.createdAt)],
    ["Status", user.disabledAt ? `Disabled since ${formatDateTime(user.disabledAt)}` : "Active"],
  ];
  return (
    <div className="space-y-8">
      {BACK}
      <section aria-labelledby="person-heading" className="space-y-4">
        <h1 id="person-heading" className="text-2xl font-bold break-words">
          {user.name}
          {user.disabledAt && <Badge>Disabled</Badge>}
        </h1>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          {facts.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="font-medium">{term}</dt>
              <dd className="break-words text-zinc-700 dark:text-zinc-300">{value}</dd>
            </div>
          ))}
          <dt className="font-medium">Role</dt>
          <dd>{self ? `${user.role} (you)` : <RoleSelect userId={user.id} name={user.name} role={user.role} />}</dd>
        </dl>
        <AccountPanel account={accountFacts(user, self)} />
      </section>

      <section aria-labelledby="devices-heading" className="space-y-3">
        <h2 id="devices-heading" className="text-lg font-semibold">
          Devices of {user.name}
        </h2>
        {devices.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Not signed in anywhere.</p>
        ) : (
          <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-900">
            {devices.map((device) => (
              <li key={device.id} className="flex flex-wrap gap-x-3 py-2">
                <span className="font-medium">{device.device || UNKNOWN_DEVICE}</span>
                <span>
                  Signed in <time dateTime={device.createdAt.toISOString()}>{formatDateTime(device.createdAt)}</time>
                </span>
                <span className="text-zinc-600 dark:text-zinc-400">
                  Last active{" "}
                  <time dateTime={device.lastSeenAt.toISOString()}>{formatDateTime(device.lastSeenAt)}</time>
                </span>
                <span className="text-zinc-600 dark:text-zinc-400">{device.ip ?? "IP not known"}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <UserActivity activity={activity} />
    </div>
  );
}

function Gone() {
  return (
    <div className="space-y-4">
      {BACK}
      <h1 className="text-2xl font-bold">Person not found</h1>
      <FormAlert error={ACCOUNT_GONE} />
    </div>
  );
}
