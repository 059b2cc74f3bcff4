import "server-only";

import { FormAlert } from "@/components/form-alert";
import { describeAuthEvent } from "@/config/auth-events";
import type { ActivityEvent } from "@/db/admin-users";
import { UNKNOWN_DEVICE } from "@/lib/server/device-label";
import { formatDateTime } from "@/lib/shared/format-time";

import { ACCOUNT_GONE } from "../shared/schemas";

/** One person's newest security events, on their page under /admin. */
export function UserActivity({ activity }: { activity: { name: string; events: ActivityEvent[] } | undefined }) {
  if (!activity) return <FormAlert error={ACCOUNT_GONE} />;
  return (
    <section id="activity" aria-labelledby="activity-heading" className="space-y-3">
      <h2 id="activity-heading" className="text-lg font-semibold">
        Activity of {activity.name}
      </h2>
      {activity.events.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No recorded activity.</p>
      ) : (
        <ol className="divide-y divide-zinc-100 text-sm dark:divide-zinc-900">
          {activity.events.map((event) => (
            <li key={event.id} className="flex flex-wrap gap-x-3 py-2">
              <span className="font-medium">{describeAuthEvent(event)}</span>
              <time dateTime={event.createdAt.toISOString()}>{formatDateTime(event.createdAt)}</time>
              <span className="text-zinc-600 dark:text-zinc-400">{event.device ?? UNKNOWN_DEVICE}</span>
              <span className="text-zinc-600 dark:text-zinc-400">{event.ip ?? "IP not known"}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
