"use client";

// The dashboard's security checkup card. It asks GET /api/me/security once the dashboard is on screen, so the
// dashboard itself reads nothing from the database (its HTML comes from the session alone) and the account's
// facts cost one statement, on a request of their own.
import { CircleAlert, CircleCheck } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";

import { Button } from "@/components/ui/button";
import { ROUTES } from "@/config/routes";
import { checkupItems, type CheckupItem, type SecurityFacts } from "@/features/security-checkup/shared/checkup";

const MUTED = "text-sm text-zinc-600 dark:text-zinc-400";
const HEADING_ID = "security-checkup-heading";

type Load = { kind: "loading" } | { kind: "ready"; facts: SecurityFacts } | { kind: "failed" };

async function fetchFacts(): Promise<SecurityFacts> {
  const response = await fetch(ROUTES.securityCheckup.path, { cache: "no-store" });
  if (!response.ok) throw new Error(`${ROUTES.securityCheckup.path} answered ${response.status}`);
  return (await response.json()) as SecurityFacts;
}

export function SecurityCheckup() {
  const [load, setLoad] = useState<Load>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true; // a later attempt, or leaving the page, makes this answer stale
    fetchFacts().then(
      (facts) => current && setLoad({ kind: "ready", facts }),
      () => current && setLoad({ kind: "failed" }),
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  const retry = () => {
    setLoad({ kind: "loading" });
    setAttempt((count) => count + 1);
  };

  return (
    <section
      aria-labelledby={HEADING_ID}
      className="space-y-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <h2 id={HEADING_ID} className="text-lg font-semibold">
        Security checkup
      </h2>
      {load.kind === "loading" ? (
        <p role="status" className={MUTED}>
          Checking your account…
        </p>
      ) : load.kind === "failed" ? (
        <div role="alert" className="flex flex-wrap items-center gap-3 text-sm">
          <span>The checkup could not be loaded just now.</span>
          <Button type="button" variant="outline" size="sm" onClick={retry}>
            Try again
          </Button>
        </div>
      ) : (
        <Checklist items={checkupItems(load.facts)} />
      )}
    </section>
  );
}

function Checklist({ items }: { items: CheckupItem[] }) {
  const todo = items.filter((item) => item.status === "todo").length;
  return (
    <>
      <p role="status" className={MUTED}>
        {todo === 0
          ? "Your account has every protection this app offers."
          : `${todo} ${todo === 1 ? "step" : "steps"} would make your account safer.`}
      </p>
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {items.map((item) => (
          <li key={item.key} data-testid={`checkup-${item.key}`} className="flex items-start gap-3 py-3">
            {item.status === "ok" ? (
              <CircleCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-green-700 dark:text-green-400" />
            ) : (
              <CircleAlert aria-hidden className="mt-0.5 size-5 shrink-0 text-amber-700 dark:text-amber-400" />
            )}
            {/* On a phone the link goes under the words, so they keep the width. */}
            <div className="flex min-w-0 flex-1 flex-col gap-2 sm:flex-row sm:items-start sm:justify-between sm:gap-4">
              <div className="min-w-0 space-y-1">
                <p className="font-medium">
                  {/* The icon's meaning in words, for whoever cannot see it. */}
                  <span className="sr-only">{item.status === "ok" ? "Done: " : "To do: "}</span>
                  {item.title}
                </p>
                <p className={MUTED}>{item.detail}</p>
              </div>
              <Link
                href={item.link.href}
                className="shrink-0 self-start text-sm font-medium underline underline-offset-4 hover:no-underline"
              >
                {item.link.label}
              </Link>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
