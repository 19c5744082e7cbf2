import { parseQualityFilters } from "@/lib/quality/filters";
import { qualityReport } from "@/lib/quality/report";
import { defineRoute } from "@/app/_server/define-route";
import { projectForUser } from "@/lib/projects/access";

/** GET /api/v1/projects/<slug>/quality?from&to&user: reviewer agreement, gold accuracy and the dashboard's figures. */
export const GET = defineRoute<{ slug: string }>("viewQuality", async (request, { user, db, params }) => {
  const project = await projectForUser(db, user, params.slug);
  const filters = parseQualityFilters(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await qualityReport(db, project, filters));
});
