// A model's first answer to an item: the question with the display image (the evaluation's first turn,
// lib/eval/conversation), the reply read with the lints' answer normaliser and compared with the ground
// truth, stored as a ModelAnswer row. Nothing in the item changes: a person decides what to do with it.
import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { DomainError } from "../errors";
import { questionPrompt, parseModelAnswer, type EvalItem } from "../eval/conversation";
import { ItemNotFound } from "../followups/errors";
import { describeAnswer, normalizeAnswer } from "../lints/normalize";
import type { AnswerTypeName } from "../lints/types";
import type { Storage } from "../storage/types";
import { userMessage, type TokenUsage } from "./chat";
import { createChatClient, type ChatClient } from "./client";
import { assertEndpointEnabled, loadEndpointConfig } from "./endpoints";
import { displayImage } from "./item-image";

export const askModelSchema = z.object({
  itemId: z.string().min(1),
  endpointId: z.string().min(1, "pick a model endpoint"),
});

/** What the editor and the API show of a stored answer. */
export interface ModelAnswerView {
  id: string;
  endpointId: string;
  endpointName: string;
  model: string;
  rawReply: string;
  /** Canonical ("B", "yes", "3"), null when the reply could not be read as an answer. */
  parsedAnswer: string | null;
  /** The parsed answer as messages name it ("B. cat"). */
  answerText: string | null;
  /** null when the reply could not be read (or the request failed). */
  correct: boolean | null;
  latencyMs: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  error: string | null;
  createdAt: string;
}

/** The item fields asking needs. */
export const itemForAskingSelect = {
  id: true,
  projectId: true,
  question: true,
  answerType: true,
  options: true,
  groundTruth: true,
  caption: true,
  asset: { select: { displayKey: true } },
} as const;

export interface ItemForAsking {
  id: string;
  projectId: string;
  question: string;
  answerType: AnswerTypeName;
  options: unknown;
  groundTruth: string;
  caption: string;
  asset: { displayKey: string };
}

export interface AnswerOutcome {
  view: ModelAnswerView;
  /** HTTP requests made (retries included). */
  requests: number;
  usage: TokenUsage | null;
}

const answerSelect = {
  id: true,
  endpointId: true,
  model: true,
  rawReply: true,
  parsedAnswer: true,
  correct: true,
  latencyMs: true,
  promptTokens: true,
  completionTokens: true,
  error: true,
  createdAt: true,
  endpoint: { select: { name: true } },
  item: { select: { answerType: true, options: true } },
} as const;

type AnswerRow = {
  id: string;
  endpointId: string;
  model: string;
  rawReply: string;
  parsedAnswer: string | null;
  correct: boolean | null;
  latencyMs: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  error: string | null;
  createdAt: Date;
  endpoint: { name: string };
  item: { answerType: AnswerTypeName; options: unknown };
};

function answerView(row: AnswerRow): ModelAnswerView {
  const options = row.item.options as string[];
  return {
    id: row.id,
    endpointId: row.endpointId,
    endpointName: row.endpoint.name,
    model: row.model,
    rawReply: row.rawReply,
    parsedAnswer: row.parsedAnswer,
    answerText: row.parsedAnswer === null ? null : describeAnswer(row.item.answerType, row.parsedAnswer, options),
    correct: row.correct,
    latencyMs: row.latencyMs,
    promptTokens: row.promptTokens,
    completionTokens: row.completionTokens,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The evaluation's view of an item (no tags needed for a first answer). */
function evalItemOf(item: ItemForAsking): EvalItem {
  return { question: item.question, answerType: item.answerType, options: item.options as string[], groundTruth: item.groundTruth, caption: item.caption, tags: [] };
}

/** Whether a read answer is the ground truth; null when either cannot be read. */
export function judgeAnswer(item: Pick<EvalItem, "answerType" | "options" | "groundTruth">, parsed: string | null): boolean | null {
  const truth = normalizeAnswer(item.answerType, item.groundTruth, item.options);
  if (parsed === null || truth === null) return null;
  return parsed === truth;
}

/**
 * Asks once (with the client's retries) and stores the outcome, a failure included (its message in
 * `error`). Throws only when `signal` aborts or the image is missing.
 */
export async function answerItem(
  deps: { db: Db; store: Pick<Storage, "get">; client: ChatClient; endpointId: string; actorId: string | null; signal?: AbortSignal },
  item: ItemForAsking,
): Promise<AnswerOutcome> {
  const { db, client } = deps;
  const evalItem = evalItemOf(item);
  const prompt = questionPrompt(evalItem, "IMAGE");
  const image = await displayImage(deps.store, item.asset.displayKey);
  const started = performance.now();
  let data: { rawReply: string; parsedAnswer: string | null; correct: boolean | null; latencyMs: number; promptTokens: number | null; completionTokens: number | null; error: string | null };
  let requests = 1;
  let usage: TokenUsage | null = null;
  try {
    const reply = await client.complete([userMessage(prompt, image)], { signal: deps.signal });
    const parsedAnswer = parseModelAnswer(evalItem.answerType, reply.content, evalItem.options);
    requests = reply.attempts;
    usage = reply.usage;
    data = {
      rawReply: reply.content,
      parsedAnswer,
      correct: judgeAnswer(evalItem, parsedAnswer),
      latencyMs: Math.round(reply.latencyMs),
      promptTokens: reply.usage?.promptTokens ?? null,
      completionTokens: reply.usage?.completionTokens ?? null,
      error: null,
    };
  } catch (error) {
    if (deps.signal?.aborted || !(error instanceof DomainError)) throw error;
    const attempts = (error as { attempts?: unknown }).attempts;
    requests = typeof attempts === "number" ? attempts : 1;
    data = { rawReply: "", parsedAnswer: null, correct: null, latencyMs: Math.round(performance.now() - started), promptTokens: null, completionTokens: null, error: error.message };
  }
  const row = await db.$transaction(async (tx) => {
    const created = await tx.modelAnswer.create({
      data: { itemId: item.id, endpointId: deps.endpointId, model: client.endpoint.model, prompt, createdById: deps.actorId, ...data },
      select: answerSelect,
    });
    await recordAudit(tx, {
      actorId: deps.actorId,
      entity: "Item",
      entityId: item.id,
      action: "model.answer",
      projectId: item.projectId,
      after: { modelAnswerId: created.id, endpointId: deps.endpointId, model: created.model, parsedAnswer: created.parsedAnswer, correct: created.correct, error: created.error },
    });
    return created;
  });
  return { view: answerView(row), requests, usage };
}

export async function loadItemForAsking(db: Db, itemId: string): Promise<ItemForAsking> {
  const item = await db.item.findUnique({ where: { id: itemId }, select: itemForAskingSelect });
  if (!item) throw new ItemNotFound(itemId);
  return item;
}

/** "Ask model" in the editor: the caller has checked the person may act on the item's project. */
export async function askModel(
  db: Db,
  store: Pick<Storage, "get">,
  actorId: string,
  input: z.input<typeof askModelSchema>,
  options: { client?: ChatClient } = {},
): Promise<ModelAnswerView> {
  const { itemId, endpointId } = askModelSchema.parse(input);
  const item = await loadItemForAsking(db, itemId);
  await assertEndpointEnabled(db, item.projectId, endpointId);
  const client = options.client ?? createChatClient(await loadEndpointConfig(db, endpointId));
  return (await answerItem({ db, store, client, endpointId, actorId }, item)).view;
}

/** The item's stored answers, newest first (the editor shows the latest per endpoint). */
export async function listModelAnswers(db: Db, itemId: string, limit = 20): Promise<ModelAnswerView[]> {
  const rows = await db.modelAnswer.findMany({ where: { itemId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit, select: answerSelect });
  return rows.map(answerView);
}
