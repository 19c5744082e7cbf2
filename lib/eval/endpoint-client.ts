// The chat client for a stored ModelEndpoint row (its API key decrypted only when a request is about to be
// made), and one limiter per endpoint in this process, so every run and request against an endpoint shares
// its max concurrent requests.
import type { Db } from "../db/client";
import { NotFoundError, InvalidInputError } from "../errors";
import { createChatClient, type ChatClient } from "../models/client";
import { createLimiter, type Limiter } from "../models/limiter";
import { endpointSettings, type EndpointRow } from "../models/endpoint-row";

const limiters = globalThis as unknown as { srtEndpointLimiters?: Map<string, { max: number; limiter: Limiter }> };

/** This process's limiter for the endpoint (a new one when its max concurrent requests changed). */
export function endpointLimiter(row: Pick<EndpointRow, "id" | "maxConcurrent">): Limiter {
  const map = (limiters.srtEndpointLimiters ??= new Map());
  const known = map.get(row.id);
  if (known && known.max === row.maxConcurrent) return known.limiter;
  const limiter = createLimiter(row.maxConcurrent);
  map.set(row.id, { max: row.maxConcurrent, limiter });
  return limiter;
}

export function clientForEndpoint(row: EndpointRow): ChatClient {
  return createChatClient(endpointSettings(row), { limiter: endpointLimiter(row) });
}

/** An endpoint enabled for the project, by name or id; 404 naming the field otherwise. */
export async function findProjectEndpoint(db: Db, projectId: string, nameOrId: string) {
  const row = await db.modelEndpoint.findFirst({ where: { OR: [{ id: nameOrId }, { name: nameOrId }] } });
  if (!row) throw new NotFoundError("model endpoint", nameOrId, { field: "endpoint" });
  const enabled = await db.projectModelEndpoint.findUnique({ where: { projectId_endpointId: { projectId, endpointId: row.id } } });
  if (!enabled) throw new InvalidInputError("endpoint", `The endpoint "${row.name}" is not enabled for this project.`);
  return row;
}

/** The endpoints a project may use, by name. */
export async function listProjectEndpoints(db: Db, projectId: string) {
  const rows = await db.projectModelEndpoint.findMany({
    where: { projectId },
    select: { endpoint: { select: { id: true, name: true, model: true, baseUrl: true, maxConcurrent: true } } },
  });
  return rows.map((r) => r.endpoint).sort((a, b) => a.name.localeCompare(b.name));
}
