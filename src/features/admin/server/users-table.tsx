import "server-only";

import Link from "next/link";
import { redirect } from "next/navigation";

import { FormAlert } from "@/components/form-alert";
import { buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { listUsersPage, type AdminUserRow } from "@/db/admin-users";
import { RoleSelect } from "@/features/admin/client/role-select";
import { RowActions } from "@/features/admin/client/row-actions";
import { signedInSince } from "@/features/devices/server/device-session";

import { adminUserPath } from "../shared/admin-paths";
import { accountFacts, Facts } from "./account-facts";
import {
  adminHref,
  encodeCursor,
  parseAdminQuery,
  SEARCH_MAX_LENGTH,
  USERS_PER_PAGE,
  type AdminQuery,
  type PageCursor,
} from "./admin-query";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export type AdminSearchParams = Record<string, string | string[] | undefined>;

/**
 * /admin's content: the search form, one page of accounts (the role and a menu of actions per row), and the
 * links to the pages beside it. One statement. Render it only after the page has checked the viewer is an admin:
 * `viewerId` is that admin, whose own row offers no way to lock themselves out.
 */
export async function AdminUsers({ params, viewerId }: { params: AdminSearchParams; viewerId: string }) {
  const query = parseAdminQuery(params);
  // A person's activity has its own page now; old links (?events=<id>) go there.
  if (query.events) redirect(adminUserPath(query.events));
  const page = await listUsersPage({
    search: query.search,
    from: query.cursor && {
      direction: query.cursor.direction,
      key: { createdAt: query.cursor.createdAt, id: query.cursor.id },
    },
    limit: USERS_PER_PAGE,
    signedInSince: signedInSince(new Date()),
  });
  const links = pageLinks(query, page.rows, page.more);
  return (
    <div className="space-y-6">
      <SearchForm search={query.search} />
      {query.deleted && <FormAlert message="The account was deleted." />}
      {query.problems.map((problem) => (
        <FormAlert key={problem} error={problem} />
      ))}
      <UsersTable rows={page.rows} query={query} viewerId={viewerId} />
      <Pager {...links} />
    </div>
  );
}

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
          placeholder="Any part of an email or a name"
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

const COLUMNS = [
  "Name",
  "Email",
  "Role",
  "Active sessions",
  "Verified",
  "Two-factor",
  "Passkeys",
  "Last sign-in",
  "Created",
  "Actions",
];

function UsersTable({ rows, query, viewerId }: { rows: AdminUserRow[]; query: AdminQuery; viewerId: string }) {
  const caption = query.search ? `Users whose email or name contains “${query.search}”` : "Users";
  return (
    // On a narrow screen the table scrolls inside its own region (focusable, so a keyboard can scroll it), never
    // the page: the email stays on one line and every column stays reachable. Positioned, so that what is placed
    // absolutely inside (the buttons' screen-reader text) is clipped by it too, instead of widening the page.
    <div role="region" aria-labelledby="users-caption" tabIndex={0} className="relative overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption id="users-caption" className="sr-only">
          {caption}
        </caption>
        <thead className="border-b border-zinc-200 dark:border-zinc-800">
          <tr>
            {COLUMNS.map((heading) => (
              <th
                key={heading}
                scope="col"
                className="py-2 pr-4 font-medium whitespace-nowrap last:pr-0 last:text-right"
              >
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length} className="py-4 text-zinc-600 dark:text-zinc-400">
                {query.search ? "No one's email or name contains that." : "No users on this page."}
              </td>
            </tr>
          )}
          {rows.map((user) => {
            const self = user.id === viewerId;
            return (
              <tr key={user.id} className="border-b border-zinc-100 align-top dark:border-zinc-900">
                <td className="py-2 pr-4 whitespace-nowrap">
                  <Link href={adminUserPath(user.id)} className="font-medium underline-offset-2 hover:underline">
                    {user.name}
                  </Link>
                </td>
                <td className="py-2 pr-4 whitespace-nowrap">{user.email}</td>
                <td className="py-2 pr-4 whitespace-nowrap">
                  {self ? (
                    <span>{user.role} (you)</span>
                  ) : (
                    <RoleSelect userId={user.id} name={user.name} role={user.role} />
                  )}
                </td>
                <Facts row={user} dateFormat={dateFormat} />
                <td className="py-2 pr-4 whitespace-nowrap">
                  <time dateTime={user.createdAt.toISOString()}>{dateFormat.format(user.createdAt)}</time>
                </td>
                <td className="py-2 text-right">
                  <RowActions account={accountFacts(user, self)} detailsHref={adminUserPath(user.id)} />
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
