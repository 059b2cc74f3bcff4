import Link from "next/link";

import { HOME_AFTER_SIGN_IN } from "@/config/routes";

import { PageShell } from "./page-shell";

export function ForbiddenMessage() {
  return (
    <PageShell>
      <h1 className="text-2xl font-bold">You don&apos;t have access to this page</h1>
      <p className="text-zinc-600 dark:text-zinc-400">Your account does not have the role this page needs.</p>
      <Link href={HOME_AFTER_SIGN_IN} className="underline">
        Back to your dashboard
      </Link>
    </PageShell>
  );
}
