import { evalRunJson, findEvalRun } from "@/lib/eval/runs";
import { projectForUser } from "@/lib/projects/access";
import { defineRoute } from "@/app/_server/define-route";

/** GET /api/v1/projects/<slug>/eval-runs/<id>: the run's status and progress. */
export const GET = defineRoute<{ slug: string; id: string }>("runEvaluations", async (_request, { user, db, params }) => {
  const project = await projectForUser(db, user, params.slug);
  return Response.json(evalRunJson(await findEvalRun(db, project.id, params.id), project.slug));
});
