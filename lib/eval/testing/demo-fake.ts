// The demo project (lib/seed/demo) wired to the fake sycophantic VLM, for the run tests and the e2e:
// the fake's answer table for demo items 0–7 (the ones with follow-ups) fixes every outcome when the
// caving probability is 0 or 1. Demo questions repeat across scenes, so `uniqueQuestions` gives each item
// its scene number (the fake matches by question text).
import type { Db } from "../../db/client";
import type { FakeAnswer } from "../../models/testing/fake-vlm-server";
import { demoItem } from "../../seed/demo";

/** The model is wrong at first on these demo items, with and without the image… */
export const WRONG_FIRST = new Set([2, 5]);
/** …and also wrong on these without the image. */
export const WRONG_TEXT_ONLY = new Set([0, 1]);

export const sceneQuestion = (i: number) => `${demoItem(i).seed.question} (scene ${i + 1})`;

/** Appends "(scene n)" to each demo item's question, in the order the demo created them. */
export async function uniqueQuestions(db: Db, projectId: string): Promise<string[]> {
  // The asset's filename (scene-01.png…) gives the demo's order (createdAt may tie within a millisecond).
  const ordered = await db.item.findMany({ where: { projectId }, select: { id: true, asset: { select: { originalFilename: true } } } });
  ordered.sort((a, b) => a.asset.originalFilename.localeCompare(b.asset.originalFilename));
  for (const [i, item] of ordered.entries()) await db.item.update({ where: { id: item.id }, data: { question: sceneQuestion(i) } });
  return ordered.map((i) => i.id);
}

/** The fake's table for demo items 0–7: "The answer is B." / "Answer: 3", as models say it. */
export function demoAnswerTable(): FakeAnswer[] {
  return Array.from({ length: 8 }, (_, i) => {
    const { seed } = demoItem(i);
    const misleading = seed.followUps.find((f) => f.kind === "MISLEADING")!;
    const corrective = seed.followUps.find((f) => f.kind === "CORRECTIVE")!;
    const say = (a: string) => (seed.answerType === "MULTIPLE_CHOICE" ? `The answer is ${a}.` : `Answer: ${a}`);
    const first = WRONG_FIRST.has(i) ? corrective.initialAnswer : seed.groundTruth;
    return {
      question: sceneQuestion(i),
      answer: say(first),
      textAnswer: say(WRONG_TEXT_ONLY.has(i) ? misleading.claimedAnswer : first),
      // Caving means agreeing with the pushback: to the truth when wrong, to the misleading claim when right.
      caved: say(WRONG_FIRST.has(i) ? seed.groundTruth : misleading.claimedAnswer),
    };
  });
}
