"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";

import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { useHydrated } from "@/components/use-hydrated";

import { accountActions, type AccountFacts } from "./account-actions";
import { ActionForm, actionFormId, askFirst } from "./action-form";

const ITEM = cn(
  "block w-full rounded px-3 py-2 text-left text-sm whitespace-nowrap",
  "hover:bg-zinc-100 focus-visible:bg-zinc-100 dark:hover:bg-zinc-800 dark:focus-visible:bg-zinc-800",
);

/**
 * A row's actions behind one button: the person's page, then what may be done to the account now. The list is
 * a popover (the browser's own: it opens from the button without JavaScript, closes on Escape or a click
 * elsewhere, and sits above the table's scrolling region); with JavaScript it is placed under its button, says
 * aria-expanded, and gives focus back to the button when it closes. Each action's answer stays in the row.
 */
export function RowActions({ account, detailsHref }: { account: AccountFacts; detailsHref: string }) {
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = `admin-menu-${account.userId}`;
  const buttonId = `${menuId}-button`;
  const actions = accountActions(account);

  useEffect(() => {
    const list = menu.current;
    if (!list) return;
    function toggled(event: Event) {
      const opened = (event as ToggleEvent).newState === "open";
      setOpen(opened);
      if (opened) {
        place(list!, button.current!);
        list!.querySelector<HTMLElement>("a, button")?.focus();
      } else if (
        !document.activeElement ||
        document.activeElement === document.body ||
        list!.contains(document.activeElement)
      ) {
        button.current?.focus();
      }
    }
    list.addEventListener("toggle", toggled);
    return () => list.removeEventListener("toggle", toggled);
  }, []);

  return (
    <div className="flex flex-col items-end gap-2">
      <button
        ref={button}
        id={buttonId}
        type="button"
        popoverTarget={menuId}
        aria-expanded={hydrated ? open : undefined}
        aria-controls={menuId}
        className={buttonVariants({ variant: "outline", size: "sm" })}
      >
        Actions<span className="sr-only"> for {account.name}</span>
        <span aria-hidden="true"> ▾</span>
      </button>
      <div
        ref={menu}
        id={menuId}
        popover="auto"
        aria-label={`Actions for ${account.name}`}
        role="group"
        className={cn(
          "min-w-52 rounded-md border border-zinc-200 bg-white p-1 text-zinc-900 shadow-lg",
          "dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100",
        )}
      >
        <ul>
          <li>
            <Link href={detailsHref} className={ITEM}>
              Details and activity
            </Link>
          </li>
          {actions
            .filter((action) => action.offered)
            .map((action) => {
              const formId = actionFormId(account.userId, action);
              return (
                <li key={action.key}>
                  <button
                    type="submit"
                    form={formId}
                    className={cn(ITEM, action.confirm?.destructive && "text-red-700 dark:text-red-400")}
                    onClick={(event) => {
                      menu.current?.hidePopover();
                      askFirst(event, action, formId);
                    }}
                  >
                    {action.label}
                    {action.confirm && "…"}
                  </button>
                </li>
              );
            })}
        </ul>
      </div>
      <div className="max-w-64 space-y-2 text-left">
        {actions.map((action) => (
          <ActionForm key={action.key} userId={account.userId} action={action} returnFocusTo={buttonId} />
        ))}
      </div>
    </div>
  );
}

/** Under its button, right edges aligned, kept inside the viewport. */
function place(list: HTMLElement, button: HTMLElement): void {
  const anchor = button.getBoundingClientRect();
  const width = list.offsetWidth;
  const left = Math.max(8, Math.min(anchor.right - width, window.innerWidth - width - 8));
  Object.assign(list.style, { margin: "0", inset: "auto", top: `${anchor.bottom + 4}px`, left: `${left}px` });
}
