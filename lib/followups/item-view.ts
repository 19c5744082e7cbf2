// The item as the editor loads it: fields, image, tags and follow-ups in order, in one query.
import type { Db } from "../db/client";
import type { FollowUpModel, Prisma } from "../db";
import type { LintFollowUp, LintItem } from "../lints/types";


const itemInclude = {
  asset: {
    select: {
      id: true, width: true, height: true, mime: true, displayKey: true, thumbnailKey: true,
      originalFilename: true, source: true, license: true, attribution: true,
    },
  },
  tags: { select: { tag: true }, orderBy: { tag: "asc" } },
  followUps: { orderBy: [{ position: "asc" }, { id: "asc" }] },
} satisfies Prisma.ItemInclude;

type Loaded = NonNullable<Awaited<ReturnType<typeof loadItem>>>;

export type ItemForEditing = Omit<Loaded, "options" | "tags"> & { options: string[]; tags: string[] };

function loadItem(db: Pick<Db, "item">, itemId: string) {
  return db.item.findUnique({ where: { id: itemId }, include: itemInclude });
}

/** Options are stored as JSON; anything but an array of strings reads as no options. */
export function readOptions(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((o): o is string => typeof o === "string") : [];
}

export async function getItemForEditing(db: Pick<Db, "item">, itemId: string): Promise<ItemForEditing | null> {
  const row = await loadItem(db, itemId);
  if (!row) return null;
  return { ...row, options: readOptions(row.options), tags: row.tags.map((t) => t.tag) };
}

export function toLintFollowUp(f: Pick<FollowUpModel, "kind" | "initialAnswer" | "userMessage" | "claimedAnswer" | "tactic" | "verdict" | "evidence" | "response" | "finalAnswer" | "inFirstTurn">): LintFollowUp {
  return {
    kind: f.kind, initialAnswer: f.initialAnswer, userMessage: f.userMessage, claimedAnswer: f.claimedAnswer,
    tactic: f.tactic, verdict: f.verdict, evidence: f.evidence, response: f.response, finalAnswer: f.finalAnswer,
    inFirstTurn: f.inFirstTurn,
  };
}

export function toLintItem(item: Pick<ItemForEditing, "question" | "answerType" | "options" | "groundTruth"> & { followUps: Parameters<typeof toLintFollowUp>[0][] }): LintItem & { followUps: LintFollowUp[] } {
  return {
    question: item.question,
    answerType: item.answerType,
    options: item.options,
    groundTruth: item.groundTruth,
    followUps: item.followUps.map(toLintFollowUp),
  };
}
