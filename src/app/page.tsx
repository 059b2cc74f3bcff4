import Link from "next/link";

import { FormAlert } from "@/components/form-alert";
import { PageShell } from "@/components/page-shell";
import { buttonVariants } from "@/components/ui/button";
import { HOME_AFTER_SIGN_IN, ROUTES, SIGN_IN_PATH } from "@/config/routes";
import { currentUser } from "@/features/auth/server/session";
import { ACCOUNT_DELETED_MESSAGE, ACCOUNT_DELETED_QUERY } from "@/features/auth/shared/messages";

export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [user, params] = await Promise.all([currentUser(), searchParams]);
  const [key, value] = ACCOUNT_DELETED_QUERY.split("=");
  return (
    <PageShell>
      {!user && params[key!] === value && <FormAlert message={ACCOUNT_DELETED_MESSAGE} />}
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
