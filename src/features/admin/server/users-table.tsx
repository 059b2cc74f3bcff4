import "server-only";

import Link from "next/link";

import { FormAlert } from "@/components/form-alert";
import { buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { RECENT_ACTIVITY_LIMIT } from "@/config/auth-events";
import { getUserActivity, listUsersPage, type AdminUserRow } from "@/db/admin-users";
import { RoleForm } from "@/features/admin/client/role-form";
import { SignOutUserForm } from "@/features/admin/client/sign-out-user-form";
import { signedInSince } from "@/features/devices/server/device-session";

import {
  adminHref,
  encodeCursor,
  parseAdminQuery,
  SEARCH_MAX_LENGTH,
  USERS_PER_PAGE,
  type AdminQuery,
  type PageCursor,
} from "./admin-query";
import { UserActivity } from "./user-activity";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export type AdminSearchParams = Record<string, string | string[] | undefined>;

/**
 * /admin's content: the search form, one page of accounts (role form and "sign out everywhere" per row), the
 * links to the pages beside it, and — only when asked — one person's activity. One statement for the page, one
 * more for the activity. Render it only after the page has checked the viewer is an admin.
 */
export async function AdminUsers({ params }: { params: AdminSearchParams }) {
  const query = parseAdminQuery(params);
  const now = new Date();
  const [page, activity] = await Promise.all([
    listUsersPage({
      search: query.search,
      from: query.cursor && {
        direction: query.cursor.direction,
        key: { createdAt: query.cursor.createdAt, id: query.cursor.id },
      },
      limit: USERS_PER_PAGE,
      signedInSince: signedInSince(now),
    }),
    query.events ? getUserActivity(query.events, RECENT_ACTIVITY_LIMIT) : undefined,
  ]);
  const links = pageLinks(query, page.rows, page.more);
  return (
    <div className="space-y-6">
      <SearchForm search={query.search} />
      {query.problems.map((problem) => (
        <FormAlert key={problem} error={problem} />
      ))}
      {query.events && <UserActivity activity={activity} close={adminHref(here(query))} />}
      <UsersTable rows={page.rows} query={query} />
      <Pager {...links} />
    </div>
  );
}

/** The parameters of the page being shown, as a link writes them. */
const here = (query: AdminQuery) => ({
  q: query.search,
  cursor: query.cursor && encodeCursor(query.cursor),
});

function pageLinks(query: AdminQuery, rows: AdminUserRow[], more: boolean) {
  const first = rows[0];
  const last = rows.at(-1);
  const backwards = query.cursor?.direction === "before";
  // Going forward, there is a page before whenever this one did not start at the beginning; going back, there is
  // one after (the page we came from).
  const hasPrevious = backwards ? more : query.cursor !== undefined;
  const hasNext = backwards ? true : more;
  const link = (cursor: PageCursor) => adminHref({ q: query.search, cursor: encodeCursor(cursor) });
  return {
    previous:
      hasPrevious && first ? link({ direction: "before", createdAt: first.key.createdAt, id: first.id }) : undefined,
    next: hasNext && last ? link({ direction: "after", createdAt: last.key.createdAt, id: last.id }) : undefined,
    // A page link that leads nowhere any more (every row after it was deleted): back to the start.
    start: rows.length === 0 && query.cursor ? adminHref({ q: query.search }) : undefined,
  };
}

function SearchForm({ search }: { search?: string }) {
  return (
    <form method="get" action={adminHref({})} role="search" className="flex flex-wrap items-end gap-2">
      <div className="grow space-y-1">
        <label htmlFor="admin-search" className="block text-sm font-medium">
          Search by email or name
        </label>
        <Input
          id="admin-search"
          type="search"
          name="q"
          defaultValue={search}
          maxLength={SEARCH_MAX_LENGTH}
          placeholder="Start of an email or a name"
          autoComplete="off"
        />
      </div>
      <button type="submit" className={buttonVariants()}>
        Search
      </button>
      {search && (
        <Link href={adminHref({})} className={buttonVariants({ variant: "outline" })}>
          Clear search
        </Link>
      )}
    </form>
  );
}

function UsersTable({ rows, query }: { rows: AdminUserRow[]; query: AdminQuery }) {
  const caption = query.search ? `Users whose email or name starts with “${query.search}”` : "Users";
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-zinc-200 dark:border-zinc-800">
          <tr>
            {["Name", "Email", "Role", "Active sessions", "Created", "Actions"].map((heading) => (
              <th key={heading} scope="col" className="py-2 pr-4 last:pr-0">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={6} className="py-4 text-zinc-600 dark:text-zinc-400">
                {query.search ? "No one's email or name starts with that." : "No users on this page."}
              </td>
            </tr>
          )}
          {rows.map((user) => {
            const shown = query.events === user.id;
            return (
              <tr key={user.id} className="border-b border-zinc-100 align-top dark:border-zinc-900">
                <td className="py-2 pr-4">{user.name}</td>
                <td className="py-2 pr-4 break-all">{user.email}</td>
                <td className="py-2 pr-4">
                  <RoleForm userId={user.id} name={user.name} role={user.role} />
                </td>
                <td className="py-2 pr-4 tabular-nums">{user.activeSessions}</td>
                <td className="py-2 pr-4">
                  <time dateTime={user.createdAt.toISOString()}>{dateFormat.format(user.createdAt)}</time>
                </td>
                <td className="space-y-2 py-2">
                  <Link
                    href={adminHref({ ...here(query), events: user.id }, "activity")}
                    aria-current={shown ? "true" : undefined}
                    className="underline underline-offset-2 aria-[current]:font-semibold"
                  >
                    Activity<span className="sr-only"> of {user.name}</span>
                  </Link>
                  <SignOutUserForm userId={user.id} name={user.name} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Pager({ previous, next, start }: { previous?: string; next?: string; start?: string }) {
  if (!previous && !next && !start) return null;
  const look = buttonVariants({ variant: "outline", size: "sm" });
  return (
    <nav aria-label="Pages of users" className="flex flex-wrap gap-2">
      {previous && (
        <Link href={previous} rel="prev" className={look}>
          Previous page
        </Link>
      )}
      {next && (
        <Link href={next} rel="next" className={look}>
          Next page
        </Link>
      )}
      {start && (
        <Link href={start} className={look}>
          First page
        </Link>
      )}
    </nav>
  );
}
