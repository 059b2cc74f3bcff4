// The Recent activity page of the settings area: the account's security events, newest first, a page at a time
// (one statement, the data this page exists to show). Paging is by keyset — "older than this event" — so a page
// never repeats or skips an event that arrived meanwhile. Each item says what happened, then when, from which
// device and address, so a screen reader reads it as a sentence rather than as cells.
import "server-only";

import Link from "next/link";
import { z } from "zod";

import { LocalTime } from "@/components/local-time";
import { buttonVariants } from "@/components/ui/button";
import { describeAuthEvent, RECENT_ACTIVITY_LIMIT } from "@/config/auth-events";
import { ROUTES } from "@/config/routes";
import { listAuthEvents } from "@/db/auth-events";
import { formatIp } from "@/lib/shared/format-ip";
import { formatDateTime } from "@/lib/shared/format-time";

/** The `before` of a page's link: an event's id. Anything else is read as no cursor (the newest page). */
const cursorSchema = z.uuid().optional().catch(undefined);

const olderThan = (eventId: string) => `${ROUTES.settingsActivity.path}?before=${eventId}`;

export async function RecentActivitySection({ userId, before }: { userId: string; before?: string }) {
  const cursor = cursorSchema.parse(before);
  // One more than a page: whether an older page exists, without a count.
  const rows = await listAuthEvents(userId, RECENT_ACTIVITY_LIMIT + 1, cursor);
  const events = rows.slice(0, RECENT_ACTIVITY_LIMIT);
  const older = rows.length > RECENT_ACTIVITY_LIMIT ? events.at(-1) : undefined;
  return (
    <section aria-labelledby="recent-activity-heading" className="space-y-3">
      <div className="space-y-1">
        <h2 id="recent-activity-heading" className="text-lg font-semibold">
          Recent activity
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          The security events of your account, newest first
          {cursor ? ", older than the page before" : ""}.
        </p>
      </div>
      {events.length === 0 ? (
        <p className="text-sm">
          {cursor ? "There is nothing older to show." : "Nothing has happened on your account yet."}
        </p>
      ) : (
        <ol aria-label="Security events" className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
          {events.map((event) => (
            <li key={event.id} className="space-y-0.5 py-2">
              <p className="font-medium">{describeAuthEvent(event)}</p>
              <p className="text-zinc-600 dark:text-zinc-400">
                <LocalTime iso={event.createdAt.toISOString()} text={formatDateTime(event.createdAt)} />
                {event.device && <>, on {event.device}</>}
                {event.ip && <>, from {formatIp(event.ip)}</>}
              </p>
            </li>
          ))}
        </ol>
      )}
      {(cursor || older) && (
        <nav aria-label="Pages of activity" className="flex gap-3">
          {cursor && (
            <Link href={ROUTES.settingsActivity.path} className={buttonVariants({ variant: "outline", size: "sm" })}>
              Newest events
            </Link>
          )}
          {older && (
            <Link href={olderThan(older.id)} className={buttonVariants({ variant: "outline", size: "sm" })}>
              Older events
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}
