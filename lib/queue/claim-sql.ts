// The queue's claiming statements, with the candidate chosen inside the statement (the common claim's
// INSERT … SELECT of its audit event, or an UPDATE … RETURNING), so a claim is atomic by construction
// rather than by re-checking a candidate read earlier.
// SQLite runs one writer at a time, so the statement cannot race. PostgreSQL's subqueries lock the row
// they pick with FOR UPDATE SKIP LOCKED: concurrent claimers skip rows another claimer is taking instead
// of queueing behind it, and a row changed meanwhile is re-checked against the WHERE before it is taken.
import { newId } from "../db/ids";
import { sqlNoIndex as noIndex, type DbProvider } from "../db/provider";
import { Prisma } from "../db/generated/sqlite/client";

export interface ClaimTarget {
  projectId: string;
  userId: string;
  now: Date;
  leaseExpiresAt: Date;
}

const skipLocked = (provider: DbProvider) => (provider === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty);
/** The user's own rows are locked without skipping: a second claim of the same user waits, then resumes the same item. */
const forUpdate = (provider: DbProvider) => (provider === "postgresql" ? Prisma.sql`FOR UPDATE` : Prisma.empty);

export type ClaimReason = "changes-requested" | "resumed" | "new";

/** The claim audit's tag for each reason; `g` is a gold copy (lib/quality/gold.ts), handed out as new. */
const REASON_TAGS = { c: "changes-requested", r: "resumed", n: "new", g: "new" } as const satisfies Record<string, ClaimReason>;

/** PostgreSQL: `single`, one statement returning the claimed item. SQLite: `sqlite`, statements whose `SQLITE_TAKE`-th returns it. */
export type ClaimStatements = { single: Prisma.Sql; sqlite: null } | { single: null; sqlite: Prisma.Sql[] };
/** Which of the SQLite statements returns the claimed item. */
export const SQLITE_TAKE = 3;

/**
 * The whole claim, gold included: on PostgreSQL one statement (`single`), on SQLite five run back to back
 * in one transaction (`sqlite`; the fourth returns the claimed item). The pick chooses, in the statement
 * that writes the claim's audit event: the user's own work first (sent back, else held); else, when the
 * project serves gold and this serve is its goldEvery-th, the oldest gold item the user has neither
 * attempted nor written a follow-up of; else the shared pool. A gold pick makes a fresh blind copy of the
 * gold item (ids chosen here), its GoldAttempt and the `gold.serve` event; a pool or gold serve counts in
 * the user's GoldSchedule when the project serves gold. Nothing is written when nothing is picked.
 * On SQLite the first statement writes, so it holds the write lock before it reads; the later ones find
 * what the pick chose through the events it wrote.
 */
export function oneStepClaim(provider: DbProvider, t: ClaimTarget): ClaimStatements {
  const at = new Date();
  // In creation order, as the events were recorded one by one: the serve, then the copy's claim.
  const serveId = newId();
  const claimId = newId();
  const copyId = newId();
  const attemptId = newId();
  const leaseExpiresAt = t.leaseExpiresAt;
  const tagOf = Prisma.sql`substr(p."t", 1, 1)`;
  const pickedOf = Prisma.sql`substr(p."t", 2)`;
  const json = (value: unknown) => (provider === "postgresql" ? Prisma.sql`CAST(${JSON.stringify(value)} AS jsonb)` : Prisma.sql`${JSON.stringify(value)}`);
  const claimAfter = Prisma.join(
    Object.entries(REASON_TAGS).map(([tag, reason]) => Prisma.sql`WHEN ${Prisma.raw(`'${tag}'`)} THEN ${json({ assigneeId: t.userId, leaseExpiresAt, reason })}`),
    " ",
  );
  const serveAfter =
    provider === "postgresql"
      ? Prisma.sql`jsonb_build_object('goldItemId', ${pickedOf}, 'itemId', CAST(${copyId} AS text))`
      : Prisma.sql`json_object('goldItemId', ${pickedOf}, 'itemId', ${copyId})`;
  const pick = Prisma.sql`WITH "p" AS MATERIALIZED (SELECT (COALESCE(${ownWorkPick(provider, t, "c", "r")}, CASE WHEN ${goldDue(provider, t)} THEN ${goldPick(t, "g")} END, ${poolPick(provider, t, "n")})) AS "t")`;
  const insertEvent = Prisma.sql`INSERT INTO "AuditEvent" ("id", "actorId", "projectId", "at", "entity", "entityId", "action", "before", "after")`;
  const serveEvent = Prisma.sql`
    SELECT ${serveId}, ${t.userId}, ${t.projectId}, ${at}, 'GoldAttempt', ${attemptId}, 'gold.serve', NULL, ${serveAfter} FROM "p" WHERE ${tagOf} = 'g'`;
  const claimEvent = Prisma.sql`
    SELECT ${claimId}, ${t.userId}, ${t.projectId}, ${at}, 'Item', CASE WHEN ${tagOf} = 'g' THEN ${copyId} ELSE ${pickedOf} END, 'claim', NULL, CASE ${tagOf} ${claimAfter} END
    FROM "p" WHERE p."t" IS NOT NULL`;
  const set = Prisma.sql`"assigneeId" = ${t.userId}, "leaseExpiresAt" = ${leaseExpiresAt}, "updatedAt" = ${at}`;
  // The copy: an ordinary DRAFT item with the gold item's image and question, no follow-ups, not gold.
  const copyColumns = Prisma.sql`("id", "projectId", "assetId", "question", "answerType", "options", "groundTruth", "caption", "assigneeId", "leaseExpiresAt", "createdAt", "updatedAt")`;
  const copyValues = Prisma.sql`${copyId}, g."projectId", g."assetId", g."question", g."answerType", g."options", g."groundTruth", g."caption", ${t.userId}, ${leaseExpiresAt}, ${at}, ${at}`;
  const attemptColumns = Prisma.sql`("id", "projectId", "goldItemId", "itemId", "annotatorId", "createdAt")`;
  const countServe = (from: Prisma.Sql) => Prisma.sql`
    INSERT INTO "GoldSchedule" ("projectId", "userId", "served")
    SELECT ${t.projectId}, ${t.userId}, 1 FROM ${from}
    ON CONFLICT ("projectId", "userId") DO UPDATE SET "served" = "GoldSchedule"."served" + 1`;
  const reasonOf = (tag: Prisma.Sql) => Prisma.sql`CASE ${tag} WHEN 'c' THEN 'changes-requested' WHEN 'r' THEN 'resumed' ELSE 'new' END`;

  if (provider === "postgresql") {
    // Sibling data-modifying CTEs see the same snapshot; the copy's foreign keys are checked at the statement's end.
    const single = Prisma.sql`${pick},
    "serve" AS (${insertEvent} ${serveEvent}),
    "claim" AS (${insertEvent} ${claimEvent}),
    "copy" AS (INSERT INTO "Item" ${copyColumns} SELECT ${copyValues} FROM "p" JOIN "Item" g ON g."id" = ${pickedOf} WHERE ${tagOf} = 'g' RETURNING "id", "status"),
    "attempt" AS (INSERT INTO "GoldAttempt" ${attemptColumns} SELECT ${attemptId}, ${t.projectId}, ${pickedOf}, ${copyId}, ${t.userId}, ${at} FROM "p" WHERE ${tagOf} = 'g'),
    "schedule" AS (${countServe(Prisma.sql`"p" WHERE ${tagOf} IN ('n', 'g') AND ${goldEvery(provider, t.projectId)} > 0`)}),
    "taken" AS (UPDATE "Item" SET ${set} FROM "p" WHERE "Item"."id" = ${pickedOf} AND ${tagOf} <> 'g' RETURNING "Item"."id", "Item"."status", ${reasonOf(tagOf)} AS "reason")
    SELECT "id", "status", "reason" FROM "taken" UNION ALL SELECT "id", "status", 'new' FROM "copy"`;
    return { single, sqlite: null };
  }
  const goldItemId = Prisma.sql`(SELECT json_extract("after", '$.goldItemId') FROM "AuditEvent" WHERE "id" = ${serveId})`;
  const sqlite = [
    // Both events in the statement that picks: later statements read the gold item's id from the serve event.
    Prisma.sql`${pick} ${insertEvent} ${serveEvent} UNION ALL ${claimEvent}`,
    Prisma.sql`INSERT INTO "Item" ${copyColumns} SELECT ${copyValues} FROM "Item" g WHERE g."id" = ${goldItemId}`,
    Prisma.sql`INSERT INTO "GoldAttempt" ${attemptColumns} SELECT ${attemptId}, ${t.projectId}, ${goldItemId}, ${copyId}, ${t.userId}, ${at} FROM "Item" c WHERE c."id" = ${copyId}`,
    Prisma.sql`
    UPDATE "Item" SET ${set}
    WHERE "id" = (SELECT "entityId" FROM "AuditEvent" WHERE "id" = ${claimId})
    RETURNING "id", "status", (SELECT json_extract("after", '$.reason') FROM "AuditEvent" WHERE "id" = ${claimId}) AS "reason"`,
    countServe(Prisma.sql`"AuditEvent" e WHERE e."id" = ${claimId} AND json_extract(e."after", '$.reason') = 'new' AND ${goldEvery(provider, t.projectId)} > 0`),
  ];
  return { single: null, sqlite };
}

/** The row the claim returns, as a claim. */
export function claimedRow(row: { id: string; status: unknown; reason: unknown } | undefined): { id: string; status: string; reason: ClaimReason } | null {
  if (!row) return null;
  const reason = Object.values(REASON_TAGS).find((r) => r === row.reason);
  if (!reason) throw new Error(`claim audit without a known reason: ${String(row.reason)}`);
  return { id: row.id, status: String(row.status), reason };
}

/** The project's goldEvery setting (lib/projects/settings.ts), 0 when absent, as an SQL integer. */
function goldEvery(provider: DbProvider, projectId: string): Prisma.Sql {
  const value = provider === "postgresql" ? Prisma.sql`CAST("settings" ->> 'goldEvery' AS INTEGER)` : Prisma.sql`json_extract("settings", '$.goldEvery')`;
  return Prisma.sql`(SELECT COALESCE(${value}, 0) FROM "Project" WHERE "id" = ${projectId})`;
}

/** Gold is due: the project serves one item in goldEvery from gold, and this serve is the user's goldEvery-th. */
function goldDue(provider: DbProvider, t: ClaimTarget): Prisma.Sql {
  const every = goldEvery(provider, t.projectId);
  const served = Prisma.sql`COALESCE((SELECT "served" FROM "GoldSchedule" WHERE "projectId" = ${t.projectId} AND "userId" = ${t.userId}), 0)`;
  return Prisma.sql`(${every} > 0 AND (${served} + 1) % ${every} = 0)`;
}

/** SQL yielding `tag` + the oldest gold item (with follow-ups) the user has neither attempted nor written a follow-up of, or NULL. */
function goldPick(t: ClaimTarget, tag: string): Prisma.Sql {
  return Prisma.sql`(
    SELECT ${Prisma.raw(`'${tag}'`)} || g."id" FROM "Item" g
    WHERE g."projectId" = ${t.projectId} AND g."isGold" = true
      AND NOT EXISTS (SELECT 1 FROM "GoldAttempt" a WHERE a."goldItemId" = g."id" AND a."annotatorId" = ${t.userId})
      AND EXISTS (SELECT 1 FROM "FollowUp" f WHERE f."itemId" = g."id")
      AND NOT EXISTS (SELECT 1 FROM "FollowUp" f WHERE f."itemId" = g."id" AND f."authorId" = ${t.userId})
    ORDER BY g."id" LIMIT 1)`;
}

/** SQL yielding `tag` + the id of the user's own work: a CHANGES_REQUESTED item (tag `sent`), else a held DRAFT (tag `held`). */
function ownWorkPick(provider: DbProvider, t: ClaimTarget, sent: string, held: string): Prisma.Sql {
  const own = (tag: string, status: string, extra: Prisma.Sql) => Prisma.sql`(
    SELECT ${Prisma.raw(`'${tag}'`)} || "id" FROM "Item"
    WHERE "assigneeId" = ${t.userId} AND "status" = ${Prisma.raw(`'${status}'`)} AND ${noIndex(provider, "projectId")} = ${t.projectId} ${extra}
    ORDER BY "id" LIMIT 1 ${forUpdate(provider)})`;
  return Prisma.sql`COALESCE(${own(sent, "CHANGES_REQUESTED", Prisma.empty)}, ${own(held, "DRAFT", Prisma.sql`AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" > ${t.now})`)})`;
}

/**
 * SQL yielding `tag` + the id of the shared pool's next item for the user, or NULL: the oldest DRAFT item
 * nobody holds (unassigned, or someone else's expired lease), else — a last resort — one this user
 * skipped. Never gold items nor gold copies. Cuid ids grow with creation time, and the
 * [projectId, status, id] index yields the candidates in id order without sorting.
 */
function poolPick(provider: DbProvider, t: ClaimTarget, tag: string): Prisma.Sql {
  const pick = (whose: Prisma.Sql, projectIndexed: boolean) => Prisma.sql`(
    SELECT ${Prisma.raw(`'${tag}'`)} || i."id" FROM "Item" i
    WHERE ${projectIndexed ? Prisma.sql`i."projectId"` : noIndex(provider, "projectId", "i")} = ${t.projectId} AND i."status" = 'DRAFT' AND i."isGold" = false AND ${whose}
      AND NOT EXISTS (SELECT 1 FROM "GoldAttempt" g WHERE g."itemId" = i."id")
    ORDER BY i."id" LIMIT 1 ${skipLocked(provider)})`;
  // The skipped items are the user's own few: found through [assigneeId, status], not by walking the pool.
  return Prisma.sql`COALESCE(${pick(poolFree(t), true)}, ${pick(poolSkipped(t), false)})`;
}

const poolFree = (t: ClaimTarget) => Prisma.sql`(i."assigneeId" IS NULL OR (i."leaseExpiresAt" < ${t.now} AND i."assigneeId" <> ${t.userId}))`;
const poolSkipped = (t: ClaimTarget) => Prisma.sql`i."assigneeId" = ${t.userId} AND i."leaseExpiresAt" < ${t.now}`;
