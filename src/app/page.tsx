import Link from "next/link";

import { PageShell } from "@/components/page-shell";
import { buttonVariants } from "@/components/ui/button";
import { HOME_AFTER_SIGN_IN, ROUTES, SIGN_IN_PATH } from "@/config/routes";
import { currentUser } from "@/features/auth/server/session";

export default async function HomePage() {
  const user = await currentUser();
  return (
    <PageShell>
      <h1 className="text-3xl font-bold tracking-tight">Accounts that stay fast</h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        Sign up and sign in with email and password. Your session lives in an encrypted cookie, so moving around the app
        never waits on the database, and an Edge guard keeps every page to the people allowed to see it.
      </p>
      <p className="flex gap-3">
        {user ? (
          <Link href={HOME_AFTER_SIGN_IN} className={buttonVariants()}>
            Dashboard
          </Link>
        ) : (
          <>
            <Link href={SIGN_IN_PATH} className={buttonVariants({ variant: "outline" })}>
              Sign in
            </Link>
            <Link href={ROUTES.register.path} className={buttonVariants()}>
              Create account
            </Link>
          </>
        )}
      </p>
    </PageShell>
  );
}
