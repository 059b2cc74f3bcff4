"use client";

import { PageShell } from "@/components/page-shell";
import { ServiceUnavailable } from "@/components/service-unavailable";

// A page whose rendering failed (e.g. the admin table while the database is down), below the navbar. The status is
// Next's 500: an App Router page cannot choose a 503 (only 401, 403 and 404 have their own interrupts), and a
// 200 would tell caches and monitors that all is well.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PageShell>
      <ServiceUnavailable reset={reset} heading="h1" />
    </PageShell>
  );
}
