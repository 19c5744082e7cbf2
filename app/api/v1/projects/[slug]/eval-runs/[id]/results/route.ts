import { loadRunResults } from "@/lib/eval/results";
import { evalRunJson, findEvalRun } from "@/lib/eval/runs";
import { projectForUser } from "@/lib/projects/access";
import { defineRoute } from "@/app/_server/define-route";

/** GET /api/v1/projects/<slug>/eval-runs/<id>/results: metrics (with Wilson intervals, broken down) and every conversation. */
export const GET = defineRoute<{ slug: string; id: string }>("runEvaluations", async (_request, { user, db, params }) => {
  const project = await projectForUser(db, user, params.slug);
  const run = await findEvalRun(db, project.id, params.id);
  const { report, conversations, failed } = await loadRunResults(db, run.id);
  return Response.json({ run: evalRunJson(run, project.slug), report, failed, conversations });
});
