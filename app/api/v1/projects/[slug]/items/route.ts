import { parseQuery } from "@/lib/api/http";
import { apiItemsQuerySchema, listItemsForApi } from "@/lib/items/api-page";
import { defineRoute } from "@/app/_server/define-route";
import { projectForUser } from "@/lib/projects/access";

/** GET /api/v1/projects/<slug>/items?status&tag&answerType&q&order&cursor&limit: a keyset page of items with their follow-ups. */
export const GET = defineRoute<{ slug: string }>("viewProject", async (request, { user, db, params }) => {
  const project = await projectForUser(db, user, params.slug);
  const query = parseQuery(apiItemsQuerySchema, request.url);
  return Response.json(await listItemsForApi(db, project.id, query));
});
