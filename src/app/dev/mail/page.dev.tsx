import type { Metadata } from "next";

import { PageShell } from "@/components/page-shell";
import { outboxEntries } from "@/features/mail/server/outbox";

export const metadata: Metadata = { title: "Outbox (development)" };
export const dynamic = "force-dynamic";

// Development's outbox: the mail the app would have sent, newest first. Compiled only by `next dev`
// (next.config.ts's pageExtensions): a production build has no such route at all.
export default function DevMailPage() {
  const entries = outboxEntries();
  return (
    <PageShell>
      <h1 className="text-2xl font-bold">Outbox</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        No SMTP_URL is set, so mail stays here (and on the console). Newest first; the last 50 are kept until the dev
        server restarts.
      </p>
      {entries.length === 0 ? (
        <p>No mail yet.</p>
      ) : (
        <ol className="space-y-6">
          {entries.map((mail) => (
            <li key={mail.id} className="space-y-2 rounded-md border border-zinc-200 p-4 dark:border-zinc-800">
              <h2 className="font-semibold">{mail.subject}</h2>
              <p className="text-sm">
                To {mail.to}, {mail.sentAt.toISOString()}
              </p>
              <ul className="text-sm">
                {(mail.text.match(/https?:\/\/\S+/g) ?? []).map((link) => (
                  <li key={link}>
                    <a href={link} className="break-all underline">
                      {link}
                    </a>
                  </li>
                ))}
              </ul>
              <pre className="text-xs whitespace-pre-wrap">{mail.text}</pre>
            </li>
          ))}
        </ol>
      )}
    </PageShell>
  );
}
