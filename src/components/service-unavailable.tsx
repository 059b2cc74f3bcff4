"use client";

import { Button } from "@/components/ui/button";

/**
 * What a page shows when rendering it failed — in practice, its data could not be read (the database is down):
 * a plain message and a retry, never a stack trace. The error boundaries draw it inside whatever frame survives
 * (the navbar always; the settings area's navigation in that area), at the heading level that frame leaves.
 */
export function ServiceUnavailable({ reset, heading: Heading }: { reset: () => void; heading: "h1" | "h2" }) {
  return (
    <div className="space-y-4">
      <Heading className={Heading === "h1" ? "text-2xl font-bold" : "text-xl font-semibold"}>
        Service temporarily unavailable
      </Heading>
      <p className="text-zinc-600 dark:text-zinc-400">
        Something on our side did not answer. Please try again in a moment.
      </p>
      <Button variant="outline" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
