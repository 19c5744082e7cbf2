// Reading the audit log: newest first, filtered by project, person, entity, action and time, one keyset page
// at a time ((at, id) descending: the (projectId, at) and (at) indexes serve it without sorting).
import { z } from "zod";
import type { Db } from "../db/client";

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a day as YYYY-MM-DD")
  .transform((v) => new Date(`${v}T00:00:00Z`))
  .refine((d) => !Number.isNaN(d.getTime()), "not a calendar day");

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const auditQuerySchema = z.object({
  actor: z.preprocess(blankToUndefined, z.string().trim().min(1).max(64).optional()),
  entity: z.preprocess(blankToUndefined, z.string().trim().regex(/^[A-Za-z]{1,40}$/, "an entity name such as Item").optional()),
  entityId: z.preprocess(blankToUndefined, z.string().trim().min(1).max(64).optional()),
  action: z.preprocess(blankToUndefined, z.string().trim().min(1).max(64).optional()),
  from: z.preprocess(blankToUndefined, day.optional()),
  /** The last day included. */
  to: z.preprocess(blankToUndefined, day.optional()),
  cursor: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

const cursorSchema = z.object({ at: z.iso.datetime(), id: z.string().min(1) });

export interface AuditEventView {
  id: string;
  at: Date;
  actor: { id: string; name: string } | null;
  projectId: string | null;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  events: AuditEventView[];
  nextCursor: string | null;
}

/** One page of events; `projectId` null means every project (admins). Throws a ZodError naming the field. */
export async function listAuditEvents(db: Db, projectId: string | null, query: AuditQuery): Promise<AuditPage> {
  const q = auditQuerySchema.parse(query);
  let after: z.infer<typeof cursorSchema> | null = null;
  if (q.cursor) {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(Buffer.from(q.cursor, "base64url").toString("utf8"));
    } catch {
      /* reported below */
    }
    const result = cursorSchema.safeParse(parsed);
    if (!result.success) throw new z.ZodError([{ code: "custom", path: ["cursor"], message: "not an audit log cursor (start again from the first page)", input: q.cursor }]);
    after = result.data;
  }
  const at: { gte?: Date; lt?: Date } = {};
  if (q.from) at.gte = q.from;
  if (q.to) at.lt = new Date(q.to.getTime() + 24 * 60 * 60 * 1000);
  const rows = await db.auditEvent.findMany({
    where: {
      ...(projectId !== null && { projectId }),
      ...(q.actor && { actorId: q.actor }),
      ...(q.entity && { entity: q.entity }),
      ...(q.entityId && { entityId: q.entityId }),
      ...(q.action && { action: q.action }),
      ...((q.from || q.to) && { at }),
      ...(after && { OR: [{ at: { lt: new Date(after.at) } }, { at: new Date(after.at), id: { lt: after.id } }] }),
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: q.limit + 1,
    select: { id: true, at: true, projectId: true, entity: true, entityId: true, action: true, before: true, after: true, actor: { select: { id: true, name: true } } },
  });
  const events = rows.slice(0, q.limit);
  const last = events[events.length - 1];
  return {
    events,
    nextCursor: rows.length > q.limit && last ? Buffer.from(JSON.stringify({ at: last.at.toISOString(), id: last.id })).toString("base64url") : null,
  };
}

/** The actions and entities present in a project's log, for the filter menus. */
export async function auditFacets(db: Db, projectId: string | null): Promise<{ entities: string[]; actions: string[] }> {
  const where = projectId === null ? {} : { projectId };
  const [entities, actions] = await Promise.all([
    db.auditEvent.groupBy({ by: ["entity"], where, orderBy: { entity: "asc" } }),
    db.auditEvent.groupBy({ by: ["action"], where, orderBy: { action: "asc" } }),
  ]);
  return { entities: entities.map((e) => e.entity), actions: actions.map((a) => a.action) };
}
