import type { Metadata } from "next";
import Link from "next/link";

import { PageShell } from "@/components/page-shell";
import { HOME_PATH } from "@/config/routes";

export const metadata: Metadata = { title: "Page not found" };

// Rendered, with status 404, for an address that matches no page (or a page that calls notFound()), inside the
// root layout: the navbar stays, so the way on is where it always is.
export default function NotFound() {
  return (
    <PageShell>
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        Nothing lives at this address. The link may be old or mistyped.
      </p>
      <Link href={HOME_PATH} className="underline">
        Back to the home page
      </Link>
    </PageShell>
  );
}
