import { z } from "zod";
import { toCsv } from "@/lib/quality/tables";
import { filterConversations, isConversationFilter, loadRunResults } from "@/lib/eval/results";
import { findEvalRun } from "@/lib/eval/runs";
import { conversationsTable, metricsTable } from "@/lib/eval/tables";
import { projectForUser } from "@/lib/projects/access";
import { defineRoute } from "@/app/_server/define-route";

const querySchema = z.object({ table: z.enum(["metrics", "conversations"]).default("metrics"), show: z.string().optional() });

/** GET …/evaluations/<runId>/download?table=metrics|conversations[&show=<filter>]: a results table as CSV. */
export const GET = defineRoute<{ slug: string; runId: string }>("runEvaluations", async (request, { user, db, params }) => {
  const project = await projectForUser(db, user, params.slug);
  const run = await findEvalRun(db, project.id, params.runId);
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { report, conversations } = await loadRunResults(db, run.id);
  const table = query.table === "metrics" ? metricsTable(report) : conversationsTable(filterConversations(conversations, isConversationFilter(query.show) ? query.show : "all"));
  const file = `${project.slug}-${run.name.replace(/[^A-Za-z0-9._-]+/g, "_")}-${query.table}.csv`;
  return new Response(toCsv(table), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${file}"`, "cache-control": "private, no-store" },
  });
});
