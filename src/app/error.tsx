"use client";

// What a page shows when rendering it failed (e.g. the admin table while the database is down): a plain
// message and a retry, never a stack trace.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">Service temporarily unavailable</h1>
      <p className="text-zinc-600 dark:text-zinc-400">Something on our side did not answer. Please try again in a moment.</p>
      <button type="button" onClick={reset} className="rounded-md border border-zinc-300 px-4 py-2 dark:border-zinc-700">
        Try again
      </button>
    </section>
  );
}
