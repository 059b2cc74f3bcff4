"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { cn } from "@/components/ui/cn";

import { SETTINGS_PAGES } from "../shared/pages";

/**
 * The settings area's own navigation: a side list on wide screens, a row of tabs on a phone (four short labels fit
 * in 320 px, so nothing scrolls sideways). The page you are on is marked with aria-current, not by colour alone.
 */
export function SettingsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings">
      <ul className="flex gap-1 border-b border-zinc-200 md:flex-col md:border-b-0 dark:border-zinc-800">
        {SETTINGS_PAGES.map(({ route, label }) => {
          const current = pathname === route.path;
          return (
            <li key={route.path}>
              <Link
                href={route.path}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "block rounded-md px-3 py-2 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-900",
                  current && "bg-zinc-100 font-semibold dark:bg-zinc-900",
                )}
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
