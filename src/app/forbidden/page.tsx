import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "No access" };

// The middleware rewrites here, with status 403, when a signed-in person lacks the role a page needs.
export default function ForbiddenPage() {
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">You don&apos;t have access to this page</h1>
      <p className="text-zinc-600 dark:text-zinc-400">Your account does not have the role this page needs.</p>
      <Link href="/dashboard" className="underline">
        Back to your dashboard
      </Link>
    </section>
  );
}
