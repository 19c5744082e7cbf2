// The project an audited entity belongs to, so the audit log can be filtered per project through the
// (projectId, at) index. Callers may pass it; otherwise it is looked up here, one indexed read per entity
// kind, inside the caller's transaction.
import type { Db } from "../db/client";

export type AuditDb = Pick<Db, "auditEvent" | "item" | "followUp" | "asset" | "exportJob" | "$executeRaw">;

/** entityId → projectId for entities of one kind; entities without a project (User, ApiToken) map to nothing. */
export async function projectIdsOf(db: AuditDb, entity: string, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const where = { id: { in: unique } };
  switch (entity) {
    case "Project":
      return new Map(unique.map((id) => [id, id]));
    case "Item":
      return pairs(await db.item.findMany({ where, select: { id: true, projectId: true } }));
    case "Asset":
      return pairs(await db.asset.findMany({ where, select: { id: true, projectId: true } }));
    case "ExportJob":
      return pairs(await db.exportJob.findMany({ where, select: { id: true, projectId: true } }));
    case "FollowUp": {
      const rows = await db.followUp.findMany({ where, select: { id: true, item: { select: { projectId: true } } } });
      return new Map(rows.map((r) => [r.id, r.item.projectId]));
    }
    default:
      return new Map();
  }
}

function pairs(rows: Array<{ id: string; projectId: string }>): Map<string, string> {
  return new Map(rows.map((r) => [r.id, r.projectId]));
}
