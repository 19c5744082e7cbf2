import { projectIdsOf, type AuditDb } from "./project-of";

/** A Prisma client or an interactive transaction: audit events are written in the same transaction as the change. */
export type DbOrTx = AuditDb;

export interface AuditInput {
  actorId: string | null;
  entity: string;
  entityId: string;
  action: string;
  /** The entity's project; looked up from the entity when left out. */
  projectId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Records one mutation. Call it inside the transaction that makes the change, so neither exists without the other. */
export async function recordAudit(db: DbOrTx, input: AuditInput) {
  const [row] = await withProjects(db, [input]);
  await db.auditEvent.create({ data: row });
}

/** Many events in one statement (bulk actions, imports). */
export async function recordAuditMany(db: DbOrTx, inputs: AuditInput[]) {
  if (inputs.length > 0) await db.auditEvent.createMany({ data: await withProjects(db, inputs) });
}

async function withProjects(db: DbOrTx, inputs: AuditInput[]) {
  const missing = new Map<string, string[]>();
  for (const input of inputs) {
    if (input.projectId === undefined) missing.set(input.entity, [...(missing.get(input.entity) ?? []), input.entityId]);
  }
  const found = new Map<string, Map<string, string>>();
  for (const [entity, ids] of missing) found.set(entity, await projectIdsOf(db, entity, ids));
  return inputs.map((input) => toRow(input, input.projectId !== undefined ? input.projectId : (found.get(input.entity)?.get(input.entityId) ?? null)));
}

function toRow({ actorId, entity, entityId, action, before, after }: AuditInput, projectId: string | null) {
  return { actorId, projectId, entity, entityId, action, before: toJson(before), after: toJson(after) };
}

// Dates and other non-JSON values become plain JSON; callers pass safe views (never secrets).
function toJson(value: unknown) {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as object);
}
