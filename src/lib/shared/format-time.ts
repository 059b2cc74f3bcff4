// Times as the Devices and Recent activity lists show them, rendered on the server. The server does not know the
// reader's time zone, so an absolute time says it is UTC; the machine-readable one goes in <time dateTime>.
const absolute = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "Jan 5, 2026, 10:02 AM UTC". */
export function formatDateTime(date: Date): string {
  return `${absolute.format(date)} UTC`;
}

const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["minute", 60],
  ["hour", 60 * 60],
  ["day", 24 * 60 * 60],
];

/** "just now", "5 minutes ago", "3 hours ago", "yesterday"; past a week, the absolute time. */
export function formatSince(date: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
  if (seconds < 60) return "just now";
  if (seconds >= 7 * 24 * 60 * 60) return formatDateTime(date);
  const [unit, size] = STEPS.findLast(([, step]) => seconds >= step) ?? STEPS[0]!;
  return relative.format(-Math.floor(seconds / size), unit);
}
