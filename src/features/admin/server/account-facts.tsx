import "server-only";

import type { AdminUserRow } from "@/db/admin-users";

import type { AccountFacts } from "../client/account-actions";

/** What the actions of a row (or of a person's page) depend on, from the account's row. */
export function accountFacts(row: AdminUserRow, self: boolean): AccountFacts {
  return {
    userId: row.id,
    name: row.name,
    email: row.email,
    activeSessions: row.activeSessions,
    verified: row.emailVerifiedAt !== null,
    disabled: row.disabledAt !== null,
    self,
  };
}

/** The security columns of a row: live sessions, verified, two-factor, passkeys, last sign-in. */
export function Facts({ row, dateFormat }: { row: AdminUserRow; dateFormat: Intl.DateTimeFormat }) {
  const cell = "py-2 pr-4 whitespace-nowrap";
  return (
    <>
      <td className={`${cell} tabular-nums`}>{row.activeSessions}</td>
      <td className={cell}>
        {row.emailVerifiedAt ? "Yes" : "No"}
        {row.disabledAt && <span className="ml-2 font-medium text-red-700 dark:text-red-400">Disabled</span>}
      </td>
      <td className={cell}>{row.twoFactorOn ? "On" : "Off"}</td>
      <td className={`${cell} tabular-nums`}>{row.passkeys}</td>
      <td className={cell}>
        {row.lastSignInAt ? (
          <time dateTime={row.lastSignInAt.toISOString()}>{dateFormat.format(row.lastSignInAt)}</time>
        ) : (
          "Never"
        )}
      </td>
    </>
  );
}
