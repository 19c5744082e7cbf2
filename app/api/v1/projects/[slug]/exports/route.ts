import { parseQuery, parseWith, readJsonObject } from "@/lib/api/http";
import { startExportJob } from "@/lib/export/job";
import { exportJobView, exportListQuerySchema, listExportJobs } from "@/lib/export/job-view";
import { exportRunner } from "@/lib/export/runner";
import { exportSeed } from "@/lib/export/params-text";
import { exportParamsSchema } from "@/lib/export/schemas";
import { defineRoute } from "@/app/_server/define-route";
import { projectForUser } from "@/lib/projects/access";

/** GET /api/v1/projects/<slug>/exports?limit=20: the project's export jobs, newest first. */
export const GET = defineRoute<{ slug: string }>("exportData", async (request, { user, db, params }) => {
  const project = await projectForUser(db, user, params.slug);
  const { limit } = parseQuery(exportListQuerySchema, request.url);
  await exportRunner(); // first use after a restart: interrupted jobs are marked FAILED before they are listed
  return Response.json({ jobs: await listExportJobs(db, project, limit) });
});

/**
 * POST /api/v1/projects/<slug>/exports, a JSON body of export parameters (lib/export/schemas.ts): queues
 * the job and answers 202 at once; the server's runner executes it. Always packed as a .tar.gz.
 */
export const POST = defineRoute<{ slug: string }>("exportData", async (request, { user, db, params }) => {
  const project = await projectForUser(db, user, params.slug);
  const body = await readJsonObject(request);
  // The seed rule of the form and the CLI: "42" and 42 are the same seed.
  const exportParams = parseWith(exportParamsSchema, { ...body, ...("seed" in body && { seed: exportSeed(body.seed) }), tar: true });
  const job = await startExportJob(db, { projectId: project.id, userId: user.id, params: exportParams });
  await (await exportRunner())?.enqueue();
  const view = exportJobView({ ...job, createdBy: { name: user.name } }, project.slug);
  return Response.json(view, { status: 202, headers: { location: `/api/v1/exports/${job.id}` } });
});
