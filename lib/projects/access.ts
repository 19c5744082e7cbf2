// The one access check: may this user act on this project (or on the project of this item or export job)?
// ADMINs reach every project; everyone else reaches the projects they are members of.
import type { Db } from "../db/client";
import type { SessionUser } from "../auth/roles";
import { ForbiddenError, NotFoundError } from "../errors";
import { findExportJob } from "../export/job-view";
import { ItemNotFound } from "../followups/errors";

const NOT_A_MEMBER = "You are not a member of this project.";

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

/** ForbiddenError (403) unless the user may act on the project. */
export async function assertProjectAccess(db: Db, user: SessionUser, projectId: string): Promise<void> {
  if (!(await canAccessProject(db, user, projectId))) throw new ForbiddenError(NOT_A_MEMBER);
}

/** For pages: the project by slug if the user may see it; null when it does not exist or is not theirs (no existence leak). */
export function findProjectForUser(db: Db, user: SessionUser, slug: string) {
  return db.project.findFirst({ where: { slug, ...projectScope(user) } });
}

/**
 * For APIs: the project of a URL's slug. NotFoundError when it does not exist, told only to ADMINs;
 * everyone else gets ForbiddenError, so a non-member cannot probe which projects exist.
 */
export async function projectForUser(db: Db, user: SessionUser, slug: string): Promise<{ id: string; slug: string; name: string }> {
  const project = await db.project.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
  if (project && (await canAccessProject(db, user, project.id))) return project;
  if (!project && user.role === "ADMIN") throw new NotFoundError("project", slug, { field: "slug" });
  throw new ForbiddenError(NOT_A_MEMBER);
}

/** The item's project id if the user may act on it: ItemNotFound (404) for an unknown id, else ForbiddenError. */
export async function assertItemAccess(db: Db, user: SessionUser, itemId: string): Promise<string> {
  const item = await db.item.findUnique({ where: { id: itemId }, select: { projectId: true } });
  if (!item) throw new ItemNotFound(itemId);
  await assertProjectAccess(db, user, item.projectId);
  return item.projectId;
}

/** The export job (with its project's slug) if the user may act on its project: NotFoundError (ids are unguessable), else ForbiddenError. */
export async function exportJobForUser(db: Db, user: SessionUser, jobId: string) {
  const job = await findExportJob(db, jobId);
  if (!job) throw new NotFoundError("export job", jobId, { field: "jobId" });
  await assertProjectAccess(db, user, job.projectId);
  return job;
}
