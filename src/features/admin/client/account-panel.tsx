"use client";

import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

import { accountActions, type AccountFacts } from "./account-actions";
import { ActionForm, actionFormId, askFirst } from "./action-form";

/**
 * A person's page: every action that applies to the account now, as buttons (with their questions), and the
 * answers below them. Without JavaScript each button submits its form directly.
 */
export function AccountPanel({ account }: { account: AccountFacts }) {
  const actions = accountActions(account);
  const offered = actions.filter((action) => action.offered);
  return (
    <div className="space-y-3">
      {offered.length > 0 && (
        <div className="flex flex-wrap gap-2">
          {offered.map((action) => {
            const formId = actionFormId(account.userId, action);
            return (
              <button
                key={action.key}
                id={`${formId}-button`}
                type="submit"
                form={formId}
                onClick={(event) => askFirst(event, action, formId)}
                className={cn(
                  buttonVariants({ variant: "outline", size: "sm" }),
                  action.confirm?.destructive && "text-red-700 dark:text-red-400",
                )}
              >
                {action.label}
              </button>
            );
          })}
        </div>
      )}
      {actions.map((action) => (
        <ActionForm
          key={action.key}
          userId={account.userId}
          action={action}
          returnFocusTo={`${actionFormId(account.userId, action)}-button`}
        />
      ))}
    </div>
  );
}
