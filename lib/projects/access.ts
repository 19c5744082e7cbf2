import type { Db } from "../db/client";
import { ForbiddenError } from "../auth/errors";
import type { SessionUser } from "../auth/roles";

/** ADMINs reach every project; everyone else reaches the projects they are members of. */
export function projectScope(user: SessionUser) {
  return user.role === "ADMIN" ? {} : { members: { some: { userId: user.id } } };
}

export async function canAccessProject(db: Db, user: SessionUser, projectId: string): Promise<boolean> {
  if (user.role === "ADMIN") return true;
  const member = await db.projectMember.findUnique({
    where: { projectId_userId: { projectId, userId: user.id } },
    select: { userId: true },
  });
  return member !== null;
}

export async function assertProjectAccess(db: Db, user: SessionUser, projectId: string) {
  if (!(await canAccessProject(db, user, projectId))) throw new ForbiddenError("You are not a member of this project.");
}

/** The project by slug if the user may see it; null when it does not exist or is not theirs (no existence leak). */
export function findProjectForUser(db: Db, user: SessionUser, slug: string) {
  return db.project.findFirst({ where: { slug, ...projectScope(user) } });
}
