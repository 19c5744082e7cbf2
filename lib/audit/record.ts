import { addFigures } from "../quality/figures/store";
import { auditFigureRows, type FigureRow } from "../quality/figures/rows";
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
  await addEventFigures(db, [row]);
}

/** Many events in one statement (bulk actions, imports). */
export async function recordAuditMany(db: DbOrTx, inputs: AuditInput[]) {
  if (inputs.length === 0) return;
  const rows = await withProjects(db, inputs);
  await db.auditEvent.createMany({ data: rows });
  await addEventFigures(db, rows);
}

// The quality dashboard's per-day status and submit figures follow the Item events, in the same transaction.
async function addEventFigures(db: DbOrTx, rows: ReturnType<typeof toRow>[]) {
  const byProject = new Map<string, FigureRow[]>();
  for (const row of rows) {
    if (!row.projectId) continue;
    const figures = auditFigureRows(row);
    if (figures.length > 0) byProject.set(row.projectId, [...(byProject.get(row.projectId) ?? []), ...figures]);
  }
  for (const [projectId, figures] of byProject) await addFigures(db, projectId, figures);
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

// `at` is set here (not by the column default) so the dashboard's figures count the event on the same day.
function toRow({ actorId, entity, entityId, action, before, after }: AuditInput, projectId: string | null, at = new Date()) {
  return { actorId, projectId, entity, entityId, action, before: toJson(before), after: toJson(after), at };
}

// Dates and other non-JSON values become plain JSON; callers pass safe views (never secrets).
function toJson(value: unknown) {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as object);
}
