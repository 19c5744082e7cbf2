import { readJsonObject } from "@/lib/api/http";
import { bodyRules } from "@/lib/api/request-checks";
import type { ModelEndpointInput } from "@/lib/models/endpoint";
import { createEndpoint, listEndpoints } from "@/lib/models/endpoints";
import { defineRoute } from "@/app/_server/define-route";

const BODY_MAX = 16 * 1024;

/** GET /api/v1/models/endpoints: every model endpoint (never its API key: `hasApiKey` only). */
export const GET = defineRoute("manageModels", async (_request, { db }) => Response.json({ endpoints: await listEndpoints(db) }));

/** POST /api/v1/models/endpoints: add one; the API key is stored encrypted and not returned. */
export const POST = defineRoute(
  "manageModels",
  async (request, { user, db }) => Response.json({ endpoint: await createEndpoint(db, user.id, (await readJsonObject(request, BODY_MAX)) as ModelEndpointInput) }, { status: 201 }),
  { body: bodyRules.json(BODY_MAX) },
);
