"use client";

import { useState } from "react";

import { useStatusOvertaken } from "./form-status";

/**
 * The form-level messages: errors in role="alert" (announced at once), successes in role="status". Either goes
 * away once another form on the page is used (see form-status.tsx).
 */
export function FormAlert({ error, message }: { error?: string; message?: string }) {
  const [element, setElement] = useState<HTMLParagraphElement | null>(null);
  const overtaken = useStatusOvertaken(element, `${error ?? ""}\u0000${message ?? ""}`);
  // Hidden, not unmounted: the element stays, so whether it is overtaken can still be asked of it.
  return (
    <>
      {error && (
        <p
          ref={setElement}
          hidden={overtaken}
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </p>
      )}
      {message && (
        <p
          ref={setElement}
          hidden={overtaken}
          role="status"
          className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-800 dark:border-green-800 dark:bg-green-950 dark:text-green-200"
        >
          {message}
        </p>
      )}
    </>
  );
}
