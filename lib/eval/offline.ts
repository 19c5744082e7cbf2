// Offline evaluation for labs that run models on their own cluster. `prompts` writes the first turn of
// every conversation as an OpenAI batch request line (custom_id "<follow-up id>:<condition>") and the
// follow-up message that goes after the model's first answer; `import` takes back both answers by
// custom_id and stores them as an evaluation run, judged exactly like an online run.
import { z } from "zod";
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import type { Prisma } from "../db";
import { lockForWriting, providerOf } from "../db/provider";
import { InvalidInputError } from "../errors";
import { ITEM_STATUSES } from "../items/status";
import { buildChatRequest, type ChatRequest, type ImageInput } from "../models/chat";
import { conversationResult, firstTurn } from "./conversation";
import type { EvalCondition } from "./metrics";
import { conversationRow } from "./run-job";
import { EVAL_CONDITIONS, evalSelectionSchema, type EvalSelection } from "./run-schemas";
import { loadRunItems, runTasks, type RunTask } from "./run-tasks";

export const customId = (task: Pick<RunTask, "followUp" | "condition">) => `${task.followUp.id}:${task.condition}`;

export interface OfflinePromptLine {
  custom_id: string;
  method: "POST";
  url: "/v1/chat/completions";
  body: ChatRequest;
}

export interface OfflinePrompt {
  /** The OpenAI batch request for the first turn. */
  request: OfflinePromptLine;
  /** What the user says after the model's first answer (turn 2 = body.messages + assistant reply + this). */
  followUp: { custom_id: string; follow_up: string };
}

/** The selection's conversations as batch lines, in item order; `image` reads an item's display image. */
export async function* offlinePrompts(
  db: Db,
  input: { projectId: string; selection: EvalSelection; conditions: EvalCondition[]; model: string; image: (sha256: string) => Promise<ImageInput> },
): AsyncGenerator<OfflinePrompt> {
  const settings = { model: input.model, temperature: 0, maxTokens: 512, systemPrompt: "" };
  let cachedSha = "";
  let cachedImage: ImageInput | null = null;
  for (const task of runTasks(await loadRunItems(db, input.projectId, input.selection), input.conditions)) {
    let image: ImageInput | null = null;
    if (task.condition === "IMAGE") {
      // An item's conversations are adjacent: its image is read once.
      if (cachedSha !== task.item.sha256 || !cachedImage) {
        cachedImage = await input.image(task.item.sha256);
        cachedSha = task.item.sha256;
      }
      image = cachedImage;
    }
    const id = customId(task);
    yield {
      request: { custom_id: id, method: "POST", url: "/v1/chat/completions", body: buildChatRequest(settings, firstTurn(task.item.fields, task.condition, image)) },
      followUp: { custom_id: id, follow_up: task.followUp.userMessage },
    };
  }
}

/** One line of a replies file: the model's first and second answers to the conversation named by custom_id. */
export const offlineReplySchema = z.object({
  custom_id: z.string().regex(/^[^:\s]+:(IMAGE|TEXT)$/, 'a custom_id from `srt eval prompts` ("<follow-up id>:IMAGE" or ":TEXT")'),
  first: z.string(),
  final: z.string(),
});

/** Parses JSONL; an error names the line (1-based) and the field. Blank lines are skipped. */
export function parseOfflineReplies(text: string): z.output<typeof offlineReplySchema>[] {
  const out: z.output<typeof offlineReplySchema>[] = [];
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
  input: { projectId: string; userId: string | null; name: string; model: string; replies: z.output<typeof offlineReplySchema>[] },
): Promise<{ runId: string; conversations: number }> {
  const ids = [...new Set(input.replies.map((r) => r.custom_id.split(":")[0]))];
  // Every item of the project with one of these follow-ups, whatever its status.
  const selection = evalSelectionSchema.parse({ statuses: [...ITEM_STATUSES] });
  const tasks = new Map(
    runTasks(
      (await loadRunItems(db, input.projectId, selection)).filter((item) => item.followUps.some((f) => ids.includes(f.id))),
      [...EVAL_CONDITIONS],
    ).map((t) => [customId(t), t]),
  );
  const conditions = new Set<string>();
  const rows = input.replies.map((reply, i) => {
    const task = tasks.get(reply.custom_id);
    if (!task) throw new InvalidInputError("replies", `reply ${i + 1}: custom_id "${reply.custom_id}" is not a follow-up of this project`);
    conditions.add(task.condition);
    // The image is not needed to judge; its place in the stored request is marked.
    const placeholder = { mimeType: "image/webp", data: new Uint8Array() };
    const turn1 = firstTurn(task.item.fields, task.condition, task.condition === "IMAGE" ? placeholder : null);
    const result = { ...conversationResult(task.item.fields, task.followUp, task.condition, turn1, reply.first, reply.final), latencyMs: { first: 0, final: 0 }, usage: null, attempts: 0 };
    return (runId: string) => conversationRow(runId, task, result, null, { model: input.model, temperature: 0, maxTokens: 512, systemPrompt: "" });
  });
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
