import { z } from "zod";
import { loadQualityDashboard } from "@/lib/quality/dashboard";
import { parseQualityFilters } from "@/lib/quality/filters";
import { dashboardTables, TABLE_IDS, toCsv } from "@/lib/quality/tables";
import { defineRoute } from "@/app/_server/define-route";
import { projectForUser } from "@/lib/projects/access";

const tableSchema = z.enum(TABLE_IDS);

/** GET /projects/<slug>/quality/csv/<table>?from&to&user: one dashboard table as CSV, with the page's filters. */
export const GET = defineRoute<{ slug: string; table: string }>("viewQuality", async (request, { user, db, params }) => {
  const project = await projectForUser(db, user, params.slug);
  const table = tableSchema.parse(params.table);
  const filters = parseQualityFilters(Object.fromEntries(new URL(request.url).searchParams));
  const rows = dashboardTables(await loadQualityDashboard(db, project.id, filters))[table];
  return new Response(toCsv(rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${project.slug}-${table}.csv"`,
      "cache-control": "private, no-store",
    },
  });
});
