import { bodyRules } from "@/lib/api/request-checks";
import { requestExportCancel } from "@/lib/export/job";
import { exportJobView, findExportJob } from "@/lib/export/job-view";
import { defineRoute } from "@/app/_server/define-route";
import { exportJobForUser } from "@/lib/projects/access";
import { getStorage } from "@/lib/storage";

/** POST /api/v1/exports/<id>/cancel: a queued job is cancelled at once, a running one within a second. */
export const POST = defineRoute<{ id: string }>("exportData", async (_request, { user, db, params }) => {
  const job = await exportJobForUser(db, user, params.id);
  await requestExportCancel(db, { jobId: job.id, userId: user.id });
  const after = (await findExportJob(db, job.id))!;
  return Response.json(await exportJobView(after, after.project.slug, getStorage()));
}, { body: bodyRules.none });
