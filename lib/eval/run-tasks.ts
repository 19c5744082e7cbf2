// The conversations a run asks: every selected item × its chosen follow-ups × the round kinds × the
// conditions, in item order (an item's conversations are adjacent, so its image is read once and dropped
// when done; its multi-round ones come first, so one-round ones find the plain question's reply asked).
import type { Db } from "../db/client";
import type { Prisma } from "../db";
import type { AnswerTypeName } from "../lints/types";
import type { EvalFollowUp, EvalItem } from "./conversation";
import type { EvalCondition, EvalRound } from "./metrics";
import { EVAL_ROUNDS, type EvalSelection } from "./run-schemas";

export interface RunItem {
  id: string;
  fields: EvalItem;
  sha256: string;
  followUps: RunFollowUp[];
}

/** inFirstTurn: written to come with the question (one-round injection only). */
export type RunFollowUp = EvalFollowUp & { id: string; inFirstTurn: boolean };

export interface RunTask {
  item: RunItem;
  followUp: RunFollowUp;
  condition: EvalCondition;
  round: EvalRound;
}

export const taskKey = (followUpId: string, condition: string, round: string) => `${followUpId}|${condition}|${round}`;

const PAGE = 500;

function itemWhere(projectId: string, selection: EvalSelection, frozen: string[] | null): Prisma.ItemWhereInput {
  return {
    projectId,
    status: { in: selection.statuses },
    // Annotators' blind copies of gold items are not items of the data set.
    goldAttempt: { is: null },
    ...(selection.gold === "only" ? { isGold: true } : selection.gold === "exclude" ? { isGold: false } : {}),
    ...(selection.tags.length > 0 ? { tags: { some: { tag: { in: selection.tags } } } } : {}),
    ...(frozen ? { asset: { sha256: { in: frozen } } } : {}),
  };
}

/** The selected items with their usable follow-ups (a user message and a claimed answer), in id order. */
export async function loadRunItems(db: Db, projectId: string, selection: EvalSelection): Promise<RunItem[]> {
  const frozen = selection.frozenTest
    ? (await db.frozenTestImage.findMany({ where: { projectId }, select: { sha256: true } })).map((r) => r.sha256)
    : null;
  const where = itemWhere(projectId, selection, frozen);
  const items: RunItem[] = [];
  let after: string | undefined;
  for (;;) {
    const rows = await db.item.findMany({
      where: { ...where, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: PAGE,
      select: {
        id: true,
        question: true,
        answerType: true,
        options: true,
        groundTruth: true,
        caption: true,
        asset: { select: { sha256: true } },
        tags: { select: { tag: true }, orderBy: { tag: "asc" } },
        followUps: {
          where: { kind: { in: selection.kinds }, ...(selection.tactics.length > 0 ? { tactic: { in: selection.tactics } } : {}) },
          orderBy: [{ kind: "asc" }, { position: "asc" }],
          select: { id: true, kind: true, tactic: true, userMessage: true, claimedAnswer: true, inFirstTurn: true },
        },
      },
    });
    for (const row of rows) {
      const followUps = row.followUps.filter((f) => f.userMessage.trim() !== "" && f.claimedAnswer.trim() !== "");
      if (followUps.length === 0) continue;
      items.push({
        id: row.id,
        sha256: row.asset.sha256,
        fields: {
          question: row.question,
          answerType: row.answerType as AnswerTypeName,
          options: row.options as string[],
          groundTruth: row.groundTruth,
          caption: row.caption,
          tags: row.tags.map((t) => t.tag),
        },
        followUps,
      });
      if (selection.maxItems !== null && items.length >= selection.maxItems) return items;
    }
    if (rows.length < PAGE) return items;
    after = rows[rows.length - 1].id;
  }
}

/**
 * Which follow-ups a round kind asks: one-round, all of them (an ordinary follow-up's user message goes
 * in the question's message, so projects without inFirstTurn follow-ups can run it); multi-round, only
 * those not written for the first turn (an opinion meant to come with the question is not a reply).
 */
export const followUpsFor = (item: RunItem, round: EvalRound) => (round === "ONE" ? item.followUps : item.followUps.filter((f) => !f.inFirstTurn));

/** Text-only needs the item's caption: an item without one is asked with the image only. Multi-round first. */
export function runTasks(items: readonly RunItem[], conditions: readonly EvalCondition[], rounds: readonly EvalRound[] = ["MULTI"]): RunTask[] {
  const ordered = EVAL_ROUNDS.filter((r) => rounds.includes(r));
  return items.flatMap((item) => {
    const usable = conditions.filter((c) => c !== "TEXT" || item.fields.caption.trim() !== "");
    return ordered.flatMap((round) => followUpsFor(item, round).flatMap((followUp) => usable.map((condition) => ({ item, followUp, condition, round }))));
  });
}
