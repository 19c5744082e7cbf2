// Model endpoints as stored: create / update / delete / list, each audited; the API key is encrypted with
// the endpoint's id bound in (./secret) and never leaves the server — views say only whether one is set.
// Plus which endpoints a project has enabled.
import "server-only";
import { endpointSettings, type EndpointRow as EndpointSettingsRow } from "./endpoint-row";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { providerOf, lockForWriting } from "../db/provider";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors";
import { isUniqueViolation } from "../images/ingest";
import { modelEndpointSchema, updateEndpointSchema, type ModelEndpoint, type UpdateEndpointInput } from "./endpoint";

export type { UpdateEndpointInput };
import { encryptSecret } from "./secret";

/** What the browser, the API and the CLI see of an endpoint: everything but the key. */
export interface EndpointView {
  id: string;
  name: string;
  baseUrl: string;
  model: string;
  hasApiKey: boolean;
  temperature: number;
  maxTokens: number;
  timeoutMs: number;
  maxConcurrent: number;
  systemPrompt: string;
  createdAt: string;
  updatedAt: string;
}


export const enabledEndpointsSchema = z.object({
  projectId: z.string().min(1),
  endpointIds: z.array(z.string().min(1)).max(200),
});

type EndpointRow = EndpointSettingsRow & { createdAt: Date; updatedAt: Date };

export function endpointView(row: EndpointRow): EndpointView {
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.baseUrl,
    model: row.model,
    hasApiKey: row.apiKeyCipher !== null,
    temperature: row.temperature,
    maxTokens: row.maxTokens,
    timeoutMs: row.timeoutMs,
    maxConcurrent: row.maxConcurrent,
    systemPrompt: row.systemPrompt,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The audited view: the settings and whether a key is set, never the key or its ciphertext. */
function auditView(row: EndpointRow) {
  const { createdAt: _c, updatedAt: _u, ...rest } = endpointView(row);
  return rest;
}

export class DuplicateEndpointNameError extends ConflictError {
  constructor(name: string) {
    super(`An endpoint named "${name}" already exists.`, { field: "name" });
  }
}

const notFound = (id: string) => new NotFoundError("model endpoint", id, { field: "endpointId" });

export async function listEndpoints(db: Db): Promise<EndpointView[]> {
  return (await db.modelEndpoint.findMany({ orderBy: { name: "asc" } })).map(endpointView);
}

export async function getEndpoint(db: Db, id: string): Promise<EndpointView> {
  const row = await db.modelEndpoint.findUnique({ where: { id } });
  if (!row) throw notFound(id);
  return endpointView(row);
}

/** By id or by name (the CLI names endpoints). */
export async function findEndpointByIdOrName(db: Db, ref: string): Promise<EndpointView> {
  const row = (await db.modelEndpoint.findUnique({ where: { id: ref } })) ?? (await db.modelEndpoint.findUnique({ where: { name: ref } }));
  if (!row) throw new NotFoundError("model endpoint", ref, { field: "endpoint" });
  return endpointView(row);
}

/** The endpoint with its key decrypted, for the client — server-side only. */
export async function loadEndpointConfig(db: Db, id: string): Promise<ModelEndpoint & { id: string }> {
  const row = await db.modelEndpoint.findUnique({ where: { id } });
  if (!row) throw notFound(id);
  return { id: row.id, ...endpointSettings(row) };
}

export async function createEndpoint(db: Db, actorId: string, input: z.input<typeof modelEndpointSchema>): Promise<EndpointView> {
  const { apiKey, ...settings } = modelEndpointSchema.parse(input);
  try {
    return await db.$transaction(async (tx) => {
      const created = await tx.modelEndpoint.create({ data: { ...settings, createdById: actorId } });
      const row = apiKey
        ? await tx.modelEndpoint.update({ where: { id: created.id }, data: { apiKeyCipher: encryptSecret(apiKey, { context: created.id }) } })
        : created;
      await recordAudit(tx, { actorId, entity: "ModelEndpoint", entityId: row.id, action: "create", projectId: null, after: auditView(row) });
      return endpointView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateEndpointNameError(settings.name);
    throw error;
  }
}

export async function updateEndpoint(db: Db, actorId: string, id: string, input: UpdateEndpointInput): Promise<EndpointView> {
  const { apiKey, clearApiKey, ...settings } = updateEndpointSchema.parse(input);
  try {
    return await db.$transaction(async (tx) => {
      await lockForWriting(tx, providerOf(db));
      const before = await tx.modelEndpoint.findUnique({ where: { id } });
      if (!before) throw notFound(id);
      const apiKeyCipher = apiKey ? encryptSecret(apiKey, { context: id }) : clearApiKey ? null : undefined;
      const row = await tx.modelEndpoint.update({ where: { id }, data: { ...settings, ...(apiKeyCipher === undefined ? {} : { apiKeyCipher }) } });
      const after = auditView(row);
      await recordAudit(tx, {
        actorId,
        entity: "ModelEndpoint",
        entityId: id,
        action: "update",
        projectId: null,
        before: auditView(before),
        // A replaced key is not visible in the views: say so.
        after: apiKey ? { ...after, apiKeyReplaced: true } : after,
      });
      return endpointView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateEndpointNameError(settings.name ?? "");
    throw error;
  }
}

export async function deleteEndpoint(db: Db, actorId: string, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db));
    const before = await tx.modelEndpoint.findUnique({ where: { id } });
    if (!before) throw notFound(id);
    // Its project enablements and stored answers go with it (onDelete: Cascade).
    await tx.modelEndpoint.delete({ where: { id } });
    await recordAudit(tx, { actorId, entity: "ModelEndpoint", entityId: id, action: "delete", projectId: null, before: auditView(before) });
  });
}

/** The endpoints a project has enabled, by name. */
export async function projectEndpoints(db: Db, projectId: string): Promise<EndpointView[]> {
  const rows = await db.projectModelEndpoint.findMany({ where: { projectId }, include: { endpoint: true } });
  return rows.map((r) => endpointView(r.endpoint)).sort((a, b) => a.name.localeCompare(b.name));
}

/** InvalidInputError unless the project has the endpoint enabled. */
export async function assertEndpointEnabled(db: Db, projectId: string, endpointId: string): Promise<void> {
  const row = await db.projectModelEndpoint.findUnique({ where: { projectId_endpointId: { projectId, endpointId } }, select: { endpointId: true } });
  if (!row) throw new InvalidInputError("endpointId", "This model endpoint is not enabled for the project (Settings → Models).");
}

/** Sets the project's enabled endpoints to exactly these. */
export async function setProjectEndpoints(db: Db, actorId: string, input: z.input<typeof enabledEndpointsSchema>): Promise<string[]> {
  const { projectId, endpointIds } = enabledEndpointsSchema.parse(input);
  const wanted = [...new Set(endpointIds)].sort();
  return db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db));
    const known = await tx.modelEndpoint.findMany({ where: { id: { in: wanted } }, select: { id: true } });
    const unknown = wanted.find((id) => !known.some((k) => k.id === id));
    if (unknown) throw notFound(unknown);
    const before = (await tx.projectModelEndpoint.findMany({ where: { projectId }, select: { endpointId: true } })).map((r) => r.endpointId).sort();
    if (JSON.stringify(before) === JSON.stringify(wanted)) return wanted;
    await tx.projectModelEndpoint.deleteMany({ where: { projectId, endpointId: { notIn: wanted } } });
    const added = wanted.filter((id) => !before.includes(id));
    if (added.length > 0) await tx.projectModelEndpoint.createMany({ data: added.map((endpointId) => ({ projectId, endpointId })) });
    await recordAudit(tx, { actorId, entity: "Project", entityId: projectId, action: "models.enable", projectId, before: { endpointIds: before }, after: { endpointIds: wanted } });
    return wanted;
  });
}
