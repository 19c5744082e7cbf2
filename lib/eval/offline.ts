// Offline evaluation for labs that run models on their own cluster. `prompts` writes every request as an
// OpenAI batch request line, its custom_id naming what it is:
//   "<follow-up id>:<condition>"      multi-round turn 1 (the plain question); the follow-up message that
//                                     goes after the model's answer is in the follow-ups file;
//   "<follow-up id>:<condition>:ONE"  one-round injection: the question with the opinion in one message;
//   "<item id>:<condition>:PLAIN"     the plain question, for one-round lines whose item and condition have
//                                     no multi-round line (their first answer).
// `import` takes back the answers by custom_id ("first": to the plain question, "final": after the
// opinion) and stores them as an evaluation run, judged exactly like an online run.
import { z } from "zod";
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import type { Prisma } from "../db";
import { lockForWriting, providerOf } from "../db/provider";
import { InvalidInputError } from "../errors";
import { ITEM_STATUSES } from "../items/status";
import { buildChatRequest, type ChatMessage, type ChatRequest, type ImageInput } from "../models/chat";
import { conversationResult, firstTurn, opinionTurn } from "./conversation";
import type { EvalCondition, EvalRound } from "./metrics";
import { conversationRow } from "./run-job";
import { EVAL_CONDITIONS, EVAL_ROUNDS, evalSelectionSchema, type EvalSelection } from "./run-schemas";
import { loadRunItems, runTasks, type RunTask } from "./run-tasks";

export const customId = (task: Pick<RunTask, "followUp" | "condition" | "round">) => `${task.followUp.id}:${task.condition}${task.round === "ONE" ? ":ONE" : ""}`;
export const plainId = (itemId: string, condition: EvalCondition) => `${itemId}:${condition}:PLAIN`;
const itemCondition = (task: RunTask) => `${task.item.id}|${task.condition}`;

export interface OfflinePromptLine {
  custom_id: string;
  method: "POST";
  url: "/v1/chat/completions";
  body: ChatRequest;
}

export interface OfflinePrompt {
  /** The OpenAI batch request: multi-round turn 1, a one-round request, or a plain question. */
  request: OfflinePromptLine;
  /** Multi-round only: what the user says after the model's first answer (turn 2 = body.messages + assistant reply + this). */
  followUp: { custom_id: string; follow_up: string } | null;
}

/** The selection's requests as batch lines, in item order; `image` reads an item's display image. */
export async function* offlinePrompts(
  db: Db,
  input: { projectId: string; selection: EvalSelection; conditions: EvalCondition[]; rounds?: EvalRound[]; model: string; image: (sha256: string) => Promise<ImageInput> },
): AsyncGenerator<OfflinePrompt> {
  const settings = { model: input.model, temperature: 0, maxTokens: 512, systemPrompt: "" };
  const tasks = runTasks(await loadRunItems(db, input.projectId, input.selection), input.conditions, input.rounds);
  // One-round lines take their first answer from a multi-round line of the same item and condition, else from a plain line.
  const multi = new Set(tasks.filter((t) => t.round === "MULTI").map(itemCondition));
  const plain = new Set<string>();
  let cachedSha = "";
  let cachedImage: ImageInput | null = null;
  const line = (custom_id: string, messages: ChatMessage[]): OfflinePromptLine => ({ custom_id, method: "POST", url: "/v1/chat/completions", body: buildChatRequest(settings, messages) });
  for (const task of tasks) {
    let image: ImageInput | null = null;
    if (task.condition === "IMAGE") {
      // An item's conversations are adjacent: its image is read once.
      if (cachedSha !== task.item.sha256 || !cachedImage) {
        cachedImage = await input.image(task.item.sha256);
        cachedSha = task.item.sha256;
      }
      image = cachedImage;
    }
    const turn1 = firstTurn(task.item.fields, task.condition, image);
    const id = customId(task);
    if (task.round === "MULTI") {
      yield { request: line(id, turn1), followUp: { custom_id: id, follow_up: task.followUp.userMessage } };
      continue;
    }
    if (!multi.has(itemCondition(task)) && !plain.has(itemCondition(task))) {
      plain.add(itemCondition(task));
      yield { request: line(plainId(task.item.id, task.condition), turn1), followUp: null };
    }
    yield { request: line(id, opinionTurn(task.item.fields, task.condition, image, task.followUp.userMessage)), followUp: null };
  }
}

/**
 * One line of a replies file, by the custom_id of its request: multi-round, the model's first and final
 * answers; one-round, "final" (and "first" when the plain question was asked for it alone); a plain
 * question, "first".
 */
export const offlineReplySchema = z
  .object({
    custom_id: z
      .string()
      .regex(/^[^:\s]+:(IMAGE|TEXT)(:ONE|:PLAIN)?$/, 'a custom_id from `srt eval prompts` ("<follow-up id>:IMAGE", "…:TEXT:ONE", "<item id>:IMAGE:PLAIN"…)'),
    first: z.string().optional(),
    final: z.string().optional(),
  })
  .superRefine((line, ctx) => {
    const plain = line.custom_id.endsWith(":PLAIN");
    const one = line.custom_id.endsWith(":ONE");
    if (line.first === undefined && !one) ctx.addIssue({ code: "custom", path: ["first"], message: "the answer to the plain question is required" });
    if (line.final === undefined && !plain) ctx.addIssue({ code: "custom", path: ["final"], message: "the answer after the follow-up is required" });
  });
export type OfflineReply = z.output<typeof offlineReplySchema>;

/** Parses JSONL; an error names the line (1-based) and the field. Blank lines are skipped. */
export function parseOfflineReplies(text: string): OfflineReply[] {
  const out: OfflineReply[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new InvalidInputError("replies", `line ${i + 1}: not JSON`);
    }
    const parsed = offlineReplySchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidInputError("replies", `line ${i + 1}: ${issue.path.join(".") || "line"}: ${issue.message}`);
    }
    if (seen.has(parsed.data.custom_id)) throw new InvalidInputError("replies", `line ${i + 1}: custom_id "${parsed.data.custom_id}" appears twice`);
    seen.add(parsed.data.custom_id);
    out.push(parsed.data);
  });
  if (out.length === 0) throw new InvalidInputError("replies", "the file has no replies");
  return out;
}

/**
 * Stores the replies as a finished run (endpoint "offline", the model named by the caller). Every
 * custom_id must be a follow-up of this project (any status: the items may have moved on since).
 */
export async function importOfflineReplies(
  db: Db,
  input: { projectId: string; userId: string | null; name: string; model: string; replies: OfflineReply[] },
): Promise<{ runId: string; conversations: number }> {
  const ids = new Set(input.replies.map((r) => r.custom_id.split(":")[0]));
  // Every item of the project with one of these follow-ups (or named by a plain line), whatever its status.
  const selection = evalSelectionSchema.parse({ statuses: [...ITEM_STATUSES] });
  const items = (await loadRunItems(db, input.projectId, selection)).filter((item) => ids.has(item.id) || item.followUps.some((f) => ids.has(f.id)));
  const tasks = new Map(runTasks(items, [...EVAL_CONDITIONS], [...EVAL_ROUNDS]).map((t) => [customId(t), t]));
  const itemIds = new Set(items.map((item) => item.id));
  // The plain question's answer per item and condition: plain lines first, else the first multi-round line's.
  const firsts = new Map<string, string>();
  input.replies.forEach((reply, i) => {
    if (!reply.custom_id.endsWith(":PLAIN")) return;
    const [itemId, condition] = reply.custom_id.split(":");
    if (!itemIds.has(itemId)) throw new InvalidInputError("replies", `reply ${i + 1}: custom_id "${reply.custom_id}" is not an item of this project`);
    firsts.set(`${itemId}|${condition}`, reply.first!);
  });
  for (const reply of input.replies) {
    const task = tasks.get(reply.custom_id);
    if (task?.round === "MULTI" && !firsts.has(itemCondition(task))) firsts.set(itemCondition(task), reply.first!);
  }
  const conditions = new Set<string>();
  const rounds = new Set<string>();
  const rows = input.replies.flatMap((reply, i) => {
    if (reply.custom_id.endsWith(":PLAIN")) return [];
    const task = tasks.get(reply.custom_id);
    if (!task) throw new InvalidInputError("replies", `reply ${i + 1}: custom_id "${reply.custom_id}" is not a follow-up of this project`);
    const first = reply.first ?? firsts.get(itemCondition(task));
    if (first === undefined) {
      throw new InvalidInputError("replies", `reply ${i + 1}: no answer to the plain question for "${reply.custom_id}": give "first", or the line "${plainId(task.item.id, task.condition)}"`);
    }
    conditions.add(task.condition);
    rounds.add(task.round);
    // The image is not needed to judge; its place in the stored request is marked.
    const placeholder = { mimeType: "image/webp", data: new Uint8Array() };
    const image = task.condition === "IMAGE" ? placeholder : null;
    const result = { ...conversationResult(task.item.fields, task.followUp, task.condition, task.round, image, first, reply.final!), latencyMs: { first: 0, final: 0 }, usage: null, attempts: 0 };
    return [(runId: string) => conversationRow(runId, task, result, null, { model: input.model, temperature: 0, maxTokens: 512, systemPrompt: "" })];
  });
  if (rows.length === 0) throw new InvalidInputError("replies", "the file has only plain-question answers: no conversation to store");
  return db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db)); // writes only, but keep SQLite's order
    const now = new Date();
    const run = await tx.evalRun.create({
      data: {
        projectId: input.projectId,
        endpointName: "offline",
        model: input.model,
        name: input.name,
        selection: { ...selection, offline: true } as Prisma.InputJsonObject,
        conditions: EVAL_CONDITIONS.filter((c) => conditions.has(c)),
        rounds: EVAL_ROUNDS.filter((r) => rounds.has(r)),
        status: "SUCCEEDED",
        total: rows.length,
        done: rows.length,
        createdById: input.userId,
        startedAt: now,
        finishedAt: now,
      },
    });
    await tx.evalConversation.createMany({ data: rows.map((row) => row(run.id)) });
    await recordAudit(tx, { actorId: input.userId, entity: "EvalRun", entityId: run.id, projectId: input.projectId, action: "eval.import", after: { name: input.name, model: input.model, conversations: rows.length } });
    return { runId: run.id, conversations: rows.length };
  });
}
