import { exportJobView } from "@/lib/export/job-view";
import { defineRoute } from "@/app/_server/define-route";
import { exportJobForUser } from "@/lib/projects/access";
import { getStorage } from "@/lib/storage";

/** GET /api/v1/exports/<id>: an export job's status, progress, counts and download link. */
export const GET = defineRoute<{ id: string }>("exportData", async (_request, { user, db, params }) => {
  const job = await exportJobForUser(db, user, params.id);
  return Response.json(await exportJobView(job, job.project.slug, getStorage()));
});
