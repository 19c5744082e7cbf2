import { readJsonObject } from "@/lib/api/http";
import { bodyRules } from "@/lib/api/request-checks";
import { createEvalRun, evalRunJson, listEvalRuns } from "@/lib/eval/runs";
import { projectForUser } from "@/lib/projects/access";
import { defineRoute } from "@/app/_server/define-route";

/** GET /api/v1/projects/<slug>/eval-runs: the project's evaluation runs, newest first. */
export const GET = defineRoute<{ slug: string }>("runEvaluations", async (_request, { user, db, params }) => {
  const project = await projectForUser(db, user, params.slug);
  return Response.json({ runs: (await listEvalRuns(db, project.id)).map((r) => evalRunJson(r, project.slug)) });
});

/** POST /api/v1/projects/<slug>/eval-runs {endpoint, name, selection, conditions}: queues a run, 202. */
export const POST = defineRoute<{ slug: string }>("runEvaluations", async (request, { user, db, params }) => {
  const project = await projectForUser(db, user, params.slug);
  const body = await readJsonObject(request);
  // Queued with its Job: any instance's worker runs it.
  const run = await createEvalRun(db, { projectId: project.id, userId: user.id, body, queue: true });
  const json = evalRunJson(run, project.slug);
  return Response.json(json, { status: 202, headers: { location: json.url } });
}, { body: bodyRules.json(16 * 1024) });
