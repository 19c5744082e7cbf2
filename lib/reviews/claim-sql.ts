// The review queue's claim as statements (lib/reviews/queue.ts): like the annotation queue's
// (lib/queue/claim-sql.ts), the candidate is chosen inside the statement that writes the claim's audit event
// (INSERT … SELECT, lib/audit/picked.ts), and the next statement takes the item that event names. Two
// reviewers never win the same item: SQLite runs one writer at a time; on PostgreSQL the pick locks its row
// with FOR UPDATE SKIP LOCKED, so concurrent reviewers pass over an item another is taking.
import { pickedAudit } from "../audit/picked";
import { PERMISSIONS } from "../auth/roles";
import { Prisma } from "../db/generated/sqlite/client";
import { sqlJsonText, type DbProvider } from "../db/provider";
import { findTransition } from "../items/status";

export interface ReviewClaimTarget {
  projectId: string;
  userId: string;
  now: Date;
  leaseExpiresAt: Date;
}

export type ReviewPick = "resumed" | "submitted" | "in-review";

/** The lifecycle's move for a reviewer taking a submitted item (lib/items/status.ts): the audit action it records. */
const CLAIM = findTransition("SUBMITTED", "IN_REVIEW", "reviewer");
if (!CLAIM) throw new Error("the lifecycle table lets no reviewer claim a submitted item");

const sqlList = (values: readonly string[]) => Prisma.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", "));

/**
 * The claim's two statements, for a reviewer allowed to review (checked inside the pick, so a reviewer
 * without the role gets nothing): `audit.insert` picks — the reviewer's own live claim first (renewed), else
 * the oldest SUBMITTED or IN_REVIEW item nobody holds, not awaiting adjudication, that they neither
 * submitted nor wrote a follow-up of and have not reviewed in its current round — and records it; `take`
 * then moves it to IN_REVIEW with this reviewer and lease (a SUBMITTED item's version goes up, as every
 * status change's does) and returns it with how it was picked.
 */
export function reviewClaimStatements(provider: DbProvider, t: ReviewClaimTarget) {
  const lease = { reviewerId: t.userId, leaseExpiresAt: t.leaseExpiresAt };
  const audit = pickedAudit(
    provider,
    {
      actorId: t.userId,
      projectId: t.projectId,
      entity: "Item",
      variants: {
        h: { action: "review.renew", after: { leaseExpiresAt: t.leaseExpiresAt } },
        s: { action: CLAIM!.action, before: { status: "SUBMITTED" }, after: { status: "IN_REVIEW", ...lease } },
        i: { action: "review.claim", after: lease },
      },
    },
    Prisma.sql`CASE WHEN ${mayReview(t.userId)} THEN COALESCE(${held(provider, t)}, ${oldestOpen(provider, t)}) END`,
  );
  const take = Prisma.sql`
    UPDATE "Item" SET "status" = 'IN_REVIEW', "reviewerId" = ${t.userId}, "reviewLeaseExpiresAt" = ${t.leaseExpiresAt},
      "version" = CASE WHEN "status" = 'SUBMITTED' THEN "version" + 1 ELSE "version" END, "updatedAt" = ${audit.at}
    WHERE "id" = ${audit.pickedId}
    RETURNING "id", (SELECT ${sqlJsonText(provider, Prisma.sql`"before"`, "status")} FROM "AuditEvent" WHERE "id" = ${audit.id}) AS "from",
      (SELECT "action" FROM "AuditEvent" WHERE "id" = ${audit.id}) AS "action"`;
  /** How the item returned by `take` was picked, and the tag of its audit variant. */
  const pickOf = (row: { from: unknown; action: unknown }): { pick: ReviewPick; tag: string } =>
    row.action === "review.renew" ? { pick: "resumed", tag: "h" } : row.from === "SUBMITTED" ? { pick: "submitted", tag: "s" } : { pick: "in-review", tag: "i" };
  return { audit, take, pickOf };
}

/** The user exists, is enabled, and has a reviewing role. */
function mayReview(userId: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "User" WHERE "id" = ${userId} AND "disabled" = false AND "role" IN (${sqlList(PERMISSIONS.review)}))`;
}

/** 'h' + the item this reviewer holds a live review claim on. */
function held(provider: DbProvider, t: ReviewClaimTarget): Prisma.Sql {
  return Prisma.sql`(
    SELECT 'h' || "id" FROM "Item"
    WHERE "projectId" = ${t.projectId} AND "status" = 'IN_REVIEW' AND "reviewerId" = ${t.userId} AND "reviewLeaseExpiresAt" >= ${t.now}
    ORDER BY "id" LIMIT 1 ${provider === "postgresql" ? Prisma.sql`FOR UPDATE` : Prisma.empty})`;
}

/**
 * The oldest open item of either status: each status's first candidate comes from the [projectId, status, id]
 * index in id order, and the older of the two wins ('s' or 'i' + its id).
 */
function oldestOpen(provider: DbProvider, t: ReviewClaimTarget): Prisma.Sql {
  const first = (tag: string, status: string) => Prisma.sql`(
    SELECT ${Prisma.raw(`'${tag}'`)} || i."id" FROM "Item" i
    WHERE i."projectId" = ${t.projectId} AND i."status" = ${Prisma.raw(`'${status}'`)} AND i."awaitingAdjudication" = false
      AND (i."reviewerId" IS NULL OR i."reviewLeaseExpiresAt" < ${t.now})
      AND (i."submittedById" IS NULL OR i."submittedById" <> ${t.userId})
      AND NOT EXISTS (SELECT 1 FROM "FollowUp" f WHERE f."itemId" = i."id" AND f."authorId" = ${t.userId})
      AND NOT EXISTS (SELECT 1 FROM "Review" r WHERE r."itemId" = i."id" AND r."reviewerId" = ${t.userId} AND r."round" = i."reviewRound")
    ORDER BY i."id" LIMIT 1 ${provider === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty})`;
  return Prisma.sql`(
    SELECT c."t" FROM (SELECT ${first("s", "SUBMITTED")} AS "t" UNION ALL SELECT ${first("i", "IN_REVIEW")} AS "t") c
    WHERE c."t" IS NOT NULL ORDER BY substr(c."t", 2) LIMIT 1)`;
}
