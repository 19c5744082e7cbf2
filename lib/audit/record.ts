import type { Db } from "../db/client";

/** A Prisma client or an interactive transaction: audit events are written in the same transaction as the change. */
export type DbOrTx = Pick<Db, "auditEvent">;

export interface AuditInput {
  actorId: string | null;
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Records one mutation. Call it inside the transaction that makes the change, so neither exists without the other. */
export async function recordAudit(db: DbOrTx, input: AuditInput) {
  await db.auditEvent.create({ data: toRow(input) });
}

/** Many events in one statement (bulk actions, imports). */
export async function recordAuditMany(db: DbOrTx, inputs: AuditInput[]) {
  if (inputs.length > 0) await db.auditEvent.createMany({ data: inputs.map(toRow) });
}

function toRow({ actorId, entity, entityId, action, before, after }: AuditInput) {
  return { actorId, entity, entityId, action, before: toJson(before), after: toJson(after) };
}

// Dates and other non-JSON values become plain JSON; callers pass safe views (never secrets).
function toJson(value: unknown) {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as object);
}
