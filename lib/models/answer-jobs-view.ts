// The latest "model-answers" jobs of a project, for the items page: progress and the cost line.
import type { Db } from "../db/client";
import { MODEL_ANSWERS_KIND } from "./answer-job";

export async function recentModelAnswerJobs(db: Db, projectId: string, take = 3) {
  const jobs = await db.job.findMany({
    where: { projectId, kind: MODEL_ANSWERS_KIND },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, status: true, done: true, total: true, result: true, error: true, params: true },
  });
  const endpointIds = [...new Set(jobs.map((j) => (j.params as { endpointId?: string }).endpointId ?? ""))];
  const names = new Map((await db.modelEndpoint.findMany({ where: { id: { in: endpointIds } }, select: { id: true, name: true } })).map((e) => [e.id, e.name]));
  return jobs.map((j) => ({
    id: j.id,
    status: j.status,
    done: j.done,
    total: j.total,
    costLine: (j.result as { costLine?: string } | null)?.costLine ?? null,
    error: j.error,
    endpointName: names.get((j.params as { endpointId?: string }).endpointId ?? "") ?? "deleted endpoint",
  }));
}
