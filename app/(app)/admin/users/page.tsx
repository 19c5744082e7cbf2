import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { ROLE_DESCRIPTIONS, ROLES } from "@/lib/auth/roles";
import { listUsers } from "@/lib/auth/users";
import { plural } from "@/lib/format";
import { lockedOutEmails } from "@/lib/auth/rate-limit";
import { Card, PageHeader } from "@/app/_components/ui";
import { requirePageUser } from "@/app/_server/session";
import { CreateUserForm, UserRow } from "./user-forms";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requirePageUser("manageUsers");
  const users = await listUsers(getDb());
  const locked = await lockedOutEmails(getDb());
  return (
    <>
      <PageHeader title="Users" subtitle={plural(users.length, "account")} />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        {/* min-w-0 and its own scroll: on a narrow window the table scrolls, not the page. */}
        <Card className="min-w-0">
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-2">User</th>
                  <th>Role</th>
                  <th>Status</th>
                  <th className="sr-only">Actions</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {users.map((u) => (
                  <UserRow key={u.id} user={u} isMe={u.id === me.id} locked={locked.has(u.email)} />
                ))}
              </tbody>
            </table>
          </div>
        </Card>
        <div className="flex flex-col gap-6">
          <Card title="New user">
            <CreateUserForm />
          </Card>
          <Card title="Roles">
            <dl className="flex flex-col gap-2 text-sm">
              {ROLES.map((r) => (
                <div key={r}>
                  <dt className="font-medium">{r.toLowerCase()}</dt>
                  <dd className="text-slate-600">{ROLE_DESCRIPTIONS[r]}</dd>
                </div>
              ))}
            </dl>
          </Card>
        </div>
      </div>
    </>
  );
}
