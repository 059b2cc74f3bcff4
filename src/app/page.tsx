import Link from "next/link";
import { HOME_AFTER_SIGN_IN, ROUTES, SIGN_IN_PATH } from "@/config/routes";
import { currentUser } from "@/features/auth/server/session";

export default async function HomePage() {
  const user = await currentUser();
  return (
    <section className="space-y-4">
      <h1 className="text-3xl font-bold tracking-tight">Accounts that stay fast</h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        Sign up and sign in with email and password. Your session lives in an encrypted cookie, so moving around
        the app never waits on the database, and an Edge guard keeps every page to the people allowed to see it.
      </p>
      <p className="flex gap-3">
        {user ? (
          <Link href={HOME_AFTER_SIGN_IN} className="rounded-md bg-zinc-900 px-4 py-2 text-white dark:bg-zinc-100 dark:text-zinc-900">
            Dashboard
          </Link>
        ) : (
          <>
            <Link href={SIGN_IN_PATH} className="rounded-md border border-zinc-300 px-4 py-2 dark:border-zinc-700">
              Sign in
            </Link>
            <Link href={ROUTES.register.path} className="rounded-md bg-zinc-900 px-4 py-2 text-white dark:bg-zinc-100 dark:text-zinc-900">
              Create account
            </Link>
          </>
        )}
      </p>
    </section>
  );
}
