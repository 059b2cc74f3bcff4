"use client";

import { PageShell } from "@/components/page-shell";
import { Button } from "@/components/ui/button";

// What a page shows when rendering it failed (e.g. the admin table while the database is down): a plain
// message and a retry, never a stack trace.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PageShell>
      <h1 className="text-2xl font-bold">Service temporarily unavailable</h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        Something on our side did not answer. Please try again in a moment.
      </p>
      <Button variant="outline" onClick={reset}>
        Try again
      </Button>
    </PageShell>
  );
}
