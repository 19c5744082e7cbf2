// "Draft with model": the model writes a follow-up's evidence and response (the two-stage reflection),
// given the image, the question, the ground truth and the follow-up. Nothing is stored here: the editor
// fills the fields, and the seal lets the save mark them model-drafted (./draft-origin).
import "server-only";
import { z } from "zod";
import type { Db } from "../db/client";
import { followUpKindSchema } from "../followups/schemas";
import { normalizeAnswer } from "../lints/normalize";
import { parseProjectSettings } from "../projects/settings";
import type { Storage } from "../storage/types";
import { userMessage } from "./chat";
import { createChatClient, type ChatClient } from "./client";
import { loadItemForAsking } from "./ask";
import { buildDraftPrompt, parseDraftReply } from "./draft-prompt";
import { sealDraft } from "./draft-origin";
import { assertEndpointEnabled, loadEndpointConfig } from "./endpoints";
import { displayImage } from "./item-image";

export const draftWithModelSchema = z.object({
  itemId: z.string().min(1),
  endpointId: z.string().min(1, "pick a model"),
  followUp: z.object({
    kind: followUpKindSchema,
    initialAnswer: z.string().max(500).default(""),
    userMessage: z.string().trim().min(1, "write the user's follow-up message first").max(2000),
    claimedAnswer: z.string().max(500).default(""),
    /** One-round injection: the user's opinion came with the question, before any model answer. */
    inFirstTurn: z.boolean().default(false),
  }),
});

export interface ModelDraft {
  verdict: "MISLEADING" | "CORRECTIVE";
  evidence: string;
  response: string;
  /** The ground truth, canonical. */
  finalAnswer: string;
  /** Sent back with the save: marks the fields model-drafted while they are unchanged. */
  modelSeal: string;
  rawReply: string;
  latencyMs: number;
}

export async function draftWithModel(db: Db, store: Pick<Storage, "get">, input: z.input<typeof draftWithModelSchema>, options: { client?: ChatClient } = {}): Promise<ModelDraft> {
  const { itemId, endpointId, followUp } = draftWithModelSchema.parse(input);
  const item = await loadItemForAsking(db, itemId);
  await assertEndpointEnabled(db, item.projectId, endpointId);
  const project = await db.project.findUniqueOrThrow({ where: { id: item.projectId }, select: { settings: true } });
  const options_ = item.options as string[];
  const prompt = buildDraftPrompt({
    question: item.question,
    answerType: item.answerType,
    options: options_,
    groundTruth: item.groundTruth,
    followUp,
    responseTemplate: parseProjectSettings(project.settings).responseTemplate,
  });
  const client = options.client ?? createChatClient(await loadEndpointConfig(db, endpointId));
  const reply = await client.complete([userMessage(prompt, await displayImage(store, item.asset.displayKey))]);
  const { evidence, response } = parseDraftReply(reply.content);
  return {
    verdict: followUp.kind,
    evidence,
    response,
    finalAnswer: normalizeAnswer(item.answerType, item.groundTruth, options_) ?? item.groundTruth,
    modelSeal: sealDraft(evidence, response),
    rawReply: reply.content,
    latencyMs: Math.round(reply.latencyMs),
  };
}
