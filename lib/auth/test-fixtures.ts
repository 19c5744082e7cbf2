// Users for route-handler tests: each with a role, an API token (to call a handler with `authorization: Bearer`)
// and, when given, a project membership.
import type { Db } from "../db/client";
import type { RoleName, SessionUser } from "./roles";
import { createApiToken } from "./tokens";

/** One user per key of `roles`, e-mailed `<who>@<domain>`, a member of `projectOf(who)` unless that is null. */
export async function createTokenUsers<W extends string>(
  db: Db,
  roles: Record<W, RoleName>,
  opts: { domain: string; projectOf: (who: W) => string | null; name?: (who: W) => string },
): Promise<{ users: Record<W, SessionUser>; tokens: Record<W, string> }> {
  const users = {} as Record<W, SessionUser>;
  const tokens = {} as Record<W, string>;
  for (const [who, role] of Object.entries(roles) as [W, RoleName][]) {
    const row = await db.user.create({ data: { email: `${who}@${opts.domain}`, name: opts.name ? opts.name(who) : who, role } });
    users[who] = { id: row.id, email: row.email, name: row.name, role };
    tokens[who] = (await createApiToken(db, users[who], { name: "test" })).token;
    const projectId = opts.projectOf(who);
    if (projectId) await db.projectMember.create({ data: { projectId, userId: row.id } });
  }
  return { users, tokens };
}
