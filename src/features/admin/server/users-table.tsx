import { listUsers } from "@/db/queries";
import { RoleForm } from "@/features/admin/client/role-form";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/** Every account, with a role form per row. Render it only after the page has checked the viewer is an admin. */
export async function UsersTable() {
  const users = await listUsers();
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Users</caption>
      <thead className="border-b border-zinc-200 dark:border-zinc-800">
        <tr>
          <th scope="col" className="py-2 pr-4">
            Name
          </th>
          <th scope="col" className="py-2 pr-4">
            Email
          </th>
          <th scope="col" className="py-2 pr-4">
            Role
          </th>
          <th scope="col" className="py-2">
            Created
          </th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.id} className="border-b border-zinc-100 align-top dark:border-zinc-900">
            <td className="py-2 pr-4">{user.name}</td>
            <td className="py-2 pr-4">{user.email}</td>
            <td className="py-2 pr-4">
              <RoleForm userId={user.id} name={user.name} role={user.role} />
            </td>
            <td className="py-2">
              <time dateTime={user.createdAt.toISOString()}>{dateFormat.format(user.createdAt)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
