import { bodyRules } from "@/lib/api/request-checks";
import { cancelEvalRun, evalRunJson } from "@/lib/eval/runs";
import { projectForUser } from "@/lib/projects/access";
import { defineRoute } from "@/app/_server/define-route";

/** POST /api/v1/projects/<slug>/eval-runs/<id>/cancel: a queued run stops at once, a running one within a second. */
export const POST = defineRoute<{ slug: string; id: string }>("runEvaluations", async (_request, { user, db, params }) => {
  const project = await projectForUser(db, user, params.slug);
  return Response.json(evalRunJson(await cancelEvalRun(db, { projectId: project.id, runId: params.id, userId: user.id }), project.slug));
}, { body: bodyRules.none });
