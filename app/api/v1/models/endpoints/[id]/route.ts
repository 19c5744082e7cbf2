import { readJsonObject } from "@/lib/api/http";
import { bodyRules } from "@/lib/api/request-checks";
import { deleteEndpoint, getEndpoint, updateEndpoint, type UpdateEndpointInput } from "@/lib/models/endpoints";
import { defineRoute } from "@/app/_server/define-route";

const BODY_MAX = 16 * 1024;

/** GET /api/v1/models/endpoints/<id> */
export const GET = defineRoute<{ id: string }>("manageModels", async (_request, { db, params }) => Response.json({ endpoint: await getEndpoint(db, params.id) }));

/** PATCH /api/v1/models/endpoints/<id>: the settings given; a blank or absent apiKey keeps the stored one, clearApiKey removes it. */
export const PATCH = defineRoute<{ id: string }>(
  "manageModels",
  async (request, { user, db, params }) => Response.json({ endpoint: await updateEndpoint(db, user.id, params.id, (await readJsonObject(request, BODY_MAX)) as UpdateEndpointInput) }),
  { body: bodyRules.json(BODY_MAX) },
);

/** DELETE /api/v1/models/endpoints/<id>: with its project enablements and stored answers. */
export const DELETE = defineRoute<{ id: string }>(
  "manageModels",
  async (_request, { user, db, params }) => {
    await deleteEndpoint(db, user.id, params.id);
    return new Response(null, { status: 204 });
  },
  { body: bodyRules.none },
);
