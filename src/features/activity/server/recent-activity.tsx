// The Recent activity section of /settings: the account's newest security events (one statement, the data this
// section exists to show). A list, newest first: each item says what happened, then when, from which device and
// address, so a screen reader reads it as a sentence rather than as cells.
import "server-only";

import { describeAuthEvent, RECENT_ACTIVITY_LIMIT } from "@/config/auth-events";
import { listAuthEvents } from "@/db/auth-events";
import { formatDateTime } from "@/lib/shared/format-time";

export async function RecentActivitySection({ userId }: { userId: string }) {
  const events = await listAuthEvents(userId, RECENT_ACTIVITY_LIMIT);
  return (
    <section aria-labelledby="recent-activity-heading" className="space-y-3">
      <div className="space-y-1">
        <h2 id="recent-activity-heading" className="text-lg font-semibold">
          Recent activity
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          The last {RECENT_ACTIVITY_LIMIT} security events of your account, newest first.
        </p>
      </div>
      {events.length === 0 ? (
        <p className="text-sm">Nothing has happened on your account yet.</p>
      ) : (
        <ol aria-label="Security events" className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
          {events.map((event) => (
            <li key={event.id} className="space-y-0.5 py-2">
              <p className="font-medium">{describeAuthEvent(event)}</p>
              <p className="text-zinc-600 dark:text-zinc-400">
                <time dateTime={event.createdAt.toISOString()}>{formatDateTime(event.createdAt)}</time>
                {event.device && <>, on {event.device}</>}
                {event.ip && <>, from {event.ip}</>}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
