// A researcher's final decision on a round whose reviews disagreed.
import type { Db } from "../db/client";
import { lockForWriting, providerOf } from "../db/provider";
import { ConflictError, NotFoundError } from "../errors";
import { DECISION_STATUS } from "../items/status";
import { transitionItem } from "../items/transition";
import { recordAudit } from "../audit/record";
import { adjudicateSchema, type AdjudicateInput } from "./schemas";

export async function adjudicate(db: Db, input: AdjudicateInput): Promise<{ status: string }> {
  const data = adjudicateSchema.parse(input);
  return db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db));
    const item = await tx.item.findUnique({ where: { id: data.itemId }, select: { id: true, reviewRound: true, awaitingAdjudication: true, submittedById: true } });
    if (!item) throw new NotFoundError("item", data.itemId);
    if (!item.awaitingAdjudication) throw new ConflictError("This item is not waiting for adjudication.", { field: "itemId" });
    const to = DECISION_STATUS[data.decision];
    await transitionItem(tx, {
      itemId: item.id, to, by: "adjudicator", actorId: data.actorId, where: { awaitingAdjudication: true },
      data: { awaitingAdjudication: false, reviewerId: null, reviewLeaseExpiresAt: null, ...(data.decision === "REQUEST_CHANGES" && item.submittedById ? { assigneeId: item.submittedById } : {}) },
      audit: { round: item.reviewRound, reason: data.reason },
    });
    const row = await tx.adjudication.create({ data: { itemId: item.id, round: item.reviewRound, adjudicatorId: data.actorId, decision: data.decision, reason: data.reason }, select: { id: true } });
    await recordAudit(tx, { actorId: data.actorId, entity: "Adjudication", entityId: row.id, action: "create", after: { itemId: item.id, round: item.reviewRound, decision: data.decision, reason: data.reason } });
    return { status: to };
  });
}
