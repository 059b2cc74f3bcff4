// Development's mail, when no SMTP_URL is set: each message is printed on the console with its links, and kept
// (the newest 50) for /dev/mail. It lives on globalThis, so the dev server's hot reloads and its separately
// bundled routes all see one outbox. A production server never gets here: it refuses to start without SMTP_URL.
import "server-only";

import type { Mail } from "./messages";

export interface OutboxEntry extends Mail {
  id: number;
  from: string;
  sentAt: Date;
}

const KEEP = 50;
const globalForOutbox = globalThis as typeof globalThis & { __mailOutbox?: { entries: OutboxEntry[]; next: number } };
const outbox = (globalForOutbox.__mailOutbox ??= { entries: [], next: 1 });

export function putInOutbox(mail: Mail, from: string): void {
  outbox.entries.unshift({ ...mail, from, id: outbox.next++, sentAt: new Date() });
  outbox.entries.length = Math.min(outbox.entries.length, KEEP);
  const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
  console.log(
    [`[mail] to ${mail.to}: ${mail.subject} (no SMTP_URL: kept in the outbox, see /dev/mail)`, ...links].join("\n  "),
  );
}

/** The outbox, newest first. */
export function outboxEntries(): readonly OutboxEntry[] {
  return outbox.entries;
}
