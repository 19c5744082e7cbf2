// An audit event written by the statement that picks what it records: INSERT … SELECT, where the SELECT
// chooses the entity (a claim's candidate item) inside the statement. The claims (lib/queue/claim-sql.ts,
// lib/reviews/claim-sql.ts) write their event first this way, then change the entity the event names: the
// pick, its audit and the change take two statements and no round trip in between, and an event exists
// exactly when a change does (same transaction). How the pick went (resumed, new…) is told by a one-letter
// tag in front of the picked id; each tag has its own action and before/after.
import { Prisma } from "../db/generated/sqlite/client"; // not ../db: e2e seeding loads lib/audit outside Next.js
import { newId } from "../db/ids";
import type { DbProvider } from "../db/provider";
import { auditFigureRows, type FigureRow } from "../quality/figures/rows";

export interface PickedEventVariant {
  action: string;
  before?: unknown;
  after?: unknown;
}

export interface PickedEvent {
  actorId: string;
  projectId: string;
  entity: string;
  /** By tag (one letter): what the event records when the pick yields that tag. */
  variants: Record<string, PickedEventVariant>;
}

export interface PickedAudit {
  /** The event's id: the statement that changes the entity finds the picked id through it. */
  id: string;
  at: Date;
  /** The INSERT … SELECT: writes one event, or none when the pick is NULL. */
  insert: Prisma.Sql;
  /** SQL for the picked entity's id, for the change's WHERE ("id" = …). */
  pickedId: Prisma.Sql;
  /** The quality-figure rows the event of `tag` adds (lib/quality/figures): the caller writes them in the same transaction. */
  figureRows(tag: string): FigureRow[];
}

/**
 * `pick`: SQL yielding one text value, a variant's tag followed by the entity's id, or NULL (nothing picked:
 * no event is written).
 */
export function pickedAudit(provider: DbProvider, event: PickedEvent, pick: Prisma.Sql): PickedAudit {
  const id = newId();
  const at = new Date();
  const tags = Object.keys(event.variants);
  if (tags.length === 0 || tags.some((tag) => !/^[a-z]$/.test(tag))) throw new Error(`picked audit tags must be single letters: ${tags.join(", ")}`);
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  const byTag = (value: (v: PickedEventVariant) => string | null, cast: boolean) => {
    const cases = Prisma.join(tags.map((tag) => Prisma.sql`WHEN ${Prisma.raw(`'${tag}'`)} THEN ${value(event.variants[tag])}`), " ");
    const chosen = Prisma.sql`CASE substr(p."t", 1, 1) ${cases} END`;
    return cast && provider === "postgresql" ? Prisma.sql`CAST(${chosen} AS jsonb)` : chosen;
  };
  const insert = Prisma.sql`
    INSERT INTO "AuditEvent" ("id", "actorId", "projectId", "at", "entity", "entityId", "action", "before", "after")
    SELECT ${id}, ${event.actorId}, ${event.projectId}, ${at}, ${event.entity}, substr(p."t", 2),
           ${byTag((v) => v.action, false)}, ${byTag((v) => json(v.before), true)}, ${byTag((v) => json(v.after), true)}
    FROM (SELECT (${pick}) AS "t") p
    WHERE p."t" IS NOT NULL`;
  return {
    id,
    at,
    insert,
    pickedId: Prisma.sql`(SELECT "entityId" FROM "AuditEvent" WHERE "id" = ${id})`,
    figureRows: (tag) => {
      const variant = event.variants[tag];
      if (!variant) throw new Error(`no picked audit variant "${tag}"`);
      // As recordAudit stores them: plain JSON (dates as ISO strings).
      const plain = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
      return auditFigureRows({ entity: event.entity, action: variant.action, actorId: event.actorId, before: plain(variant.before), after: plain(variant.after), at });
    },
  };
}
