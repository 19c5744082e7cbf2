// Gold items, served blind. A researcher marks items whose follow-ups are trusted as gold; the project's
// goldEvery setting (N: one in N items an annotator is served; 0: off) makes the claim serve every N-th
// item from gold: a fresh copy of a gold item the annotator has neither attempted nor written a follow-up
// of — an ordinary DRAFT Item with the same image and question and no follow-ups, so the editor cannot tell
// it apart. The claim makes the copy in its own statements (lib/queue/claim-sql.ts), counting serves in
// GoldSchedule. The GoldAttempt row links the copy to its gold item; on submit the copy's follow-ups are
// scored against the gold ones.
// Copies never enter exports (lib/export/selection.ts) nor the shared queue; the gold item is never edited.
import { notGoldCopy } from "../items/gold-copies";
import type { AuditDb } from "../audit/project-of";
import { recordAudit, recordAuditMany } from "../audit/record";
import type { Db } from "../db/client";
import { lockForWriting, providerOf } from "../db/provider";
import { optionsOf } from "../export/selection";
import { scoreGoldAttempt, type ScoredFollowUp } from "./gold-score";

type Tx = AuditDb & Pick<Db, "project" | "goldSchedule" | "goldAttempt">;

const SCORED_FIELDS = { id: true, kind: true, position: true, claimedAnswer: true, verdict: true, finalAnswer: true, evidence: true } as const;

/** Scores the attempt made on `itemId` if it is a gold copy (called by submit, in its transaction). */
export async function scoreIfGoldCopy(tx: Tx, itemId: string, actorId: string): Promise<void> {
  const attempt = await tx.goldAttempt.findUnique({ where: { itemId }, select: { id: true, projectId: true, goldItemId: true } });
  if (!attempt) return;
  const [gold, copy] = await Promise.all([
    tx.item.findUniqueOrThrow({ where: { id: attempt.goldItemId }, select: { answerType: true, options: true, followUps: { select: SCORED_FIELDS } } }),
    tx.item.findUniqueOrThrow({ where: { id: itemId }, select: { followUps: { select: SCORED_FIELDS } } }),
  ]);
  const score = scoreGoldAttempt(
    { answerType: gold.answerType, options: optionsOf(attempt.goldItemId, gold.options) },
    gold.followUps as ScoredFollowUp[],
    copy.followUps as ScoredFollowUp[],
  );
  await tx.goldAttempt.update({
    where: { id: attempt.id },
    data: { checks: score.checks, correct: score.correct, details: JSON.parse(JSON.stringify(score.comparisons)), scoredAt: new Date() },
  });
  await recordAudit(tx, {
    actorId,
    projectId: attempt.projectId,
    entity: "GoldAttempt",
    entityId: attempt.id,
    action: "gold.score",
    after: { checks: score.checks, correct: score.correct },
  });
}

/** Marks or unmarks items as gold (researchers). Copies of gold items cannot become gold themselves. */
export async function setGold(db: Db, actorId: string, projectId: string, itemIds: string[], isGold: boolean): Promise<number> {
  return db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db));
    const items = await tx.item.findMany({ where: { id: { in: itemIds }, projectId, isGold: !isGold, ...notGoldCopy }, select: { id: true } });
    if (items.length === 0) return 0;
    await tx.item.updateMany({ where: { id: { in: items.map((i) => i.id) } }, data: { isGold } });
    const action = isGold ? "gold.mark" : "gold.unmark";
    await recordAuditMany(tx, items.map((item) => ({ actorId, projectId, entity: "Item", entityId: item.id, action, before: { isGold: !isGold }, after: { isGold } })));
    return items.length;
  });
}
