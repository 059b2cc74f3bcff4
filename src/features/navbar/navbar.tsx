import Link from "next/link";

export function Navbar() {
  return (
    <header className="border-b border-zinc-200 dark:border-zinc-800">
      <nav aria-label="Main" className="mx-auto flex max-w-3xl items-center justify-between px-4 py-3">
        <Link href="/" className="font-semibold">
          Edge JWT Auth
        </Link>
        <ul className="flex items-center gap-4 text-sm">
          <li>
            <Link href="/login" className="hover:underline">
              Sign in
            </Link>
          </li>
          <li>
            <Link href="/register" className="rounded-md bg-zinc-900 px-3 py-1.5 text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900">
              Create account
            </Link>
          </li>
        </ul>
      </nav>
    </header>
  );
}
