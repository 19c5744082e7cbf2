import { parseQuery, parseWith, readJsonObject } from "@/lib/api/http";
import { z } from "zod";
import { allowEmptySchema } from "@/lib/export/empty";
import { bodyRules } from "@/lib/api/request-checks";
import { startExportJob } from "@/lib/export/job";
import { exportJobView, exportListQuerySchema, listExportJobs } from "@/lib/export/job-view";
import { exportSeed } from "@/lib/export/params-text";
import { exportParamsSchema } from "@/lib/export/schemas";
import { defineRoute } from "@/app/_server/define-route";
import { projectForUser } from "@/lib/projects/access";
import { getStorage } from "@/lib/storage";

/** GET /api/v1/projects/<slug>/exports?limit=20: the project's export jobs, newest first. */
export const GET = defineRoute<{ slug: string }>("exportData", async (request, { user, db, params }) => {
  const project = await projectForUser(db, user, params.slug);
  const { limit } = parseQuery(exportListQuerySchema, request.url);
  return Response.json({ jobs: await listExportJobs(db, getStorage(), project, limit) });
});

/**
 * POST /api/v1/projects/<slug>/exports, a JSON body of export parameters (lib/export/schemas.ts): queues
 * the job and answers 202 at once; a worker (on any instance) executes it. Always packed as a .tar.gz. Filters
 * that match no follow-up answer 400 (field allowEmpty) unless the body has `"allowEmpty": true`.
 */
export const POST = defineRoute<{ slug: string }>("exportData", async (request, { user, db, params }) => {
  const project = await projectForUser(db, user, params.slug);
  const body = await readJsonObject(request);
  // allowEmpty confirms an export that matches nothing; it is not an export parameter (not stored with the job).
  const { allowEmpty: allowEmptyInput, ...paramsInput } = body;
  const allowEmpty = parseWith(z.object({ allowEmpty: allowEmptySchema }), { allowEmpty: allowEmptyInput }).allowEmpty;
  // The seed rule of the form and the CLI: "42" and 42 are the same seed.
  const exportParams = parseWith(exportParamsSchema, { ...paramsInput, ...("seed" in paramsInput && { seed: exportSeed(paramsInput.seed) }), tar: true });
  const job = await startExportJob(db, { projectId: project.id, userId: user.id, params: exportParams, allowEmpty });
  const view = await exportJobView({ ...job, createdBy: { name: user.name } }, project.slug, getStorage());
  return Response.json(view, { status: 202, headers: { location: `/api/v1/exports/${job.id}` } });
}, { body: bodyRules.json(64 * 1024) });
