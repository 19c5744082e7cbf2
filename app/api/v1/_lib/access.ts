// Resolving the project or export job of a v1 URL for the caller: 404 when it does not exist (to admins;
// others get 403, so a non-member cannot probe which projects exist), 403 when it is not theirs.
import { ForbiddenError } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import { findExportJob } from "@/lib/export/job-view";
import { canAccessProject } from "@/lib/projects/access";
import { NotFoundError } from "@/app/_server/define-route";

export async function projectForApi(db: Db, user: SessionUser, slug: string) {
  const project = await db.project.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
  if (project && (await canAccessProject(db, user, project.id))) return project;
  if (!project && user.role === "ADMIN") throw new NotFoundError(`project: no project "${slug}"`);
  throw new ForbiddenError("You are not a member of this project.");
}

/** Export job ids are unguessable (cuid), so an unknown id is a plain 404. */
export async function exportJobForApi(db: Db, user: SessionUser, id: string) {
  const job = await findExportJob(db, id);
  if (!job) throw new NotFoundError(`export: no export job "${id}"`);
  if (!(await canAccessProject(db, user, job.projectId))) throw new ForbiddenError("You are not a member of this project.");
  return job;
}
