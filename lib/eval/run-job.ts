// The "eval-run" job: asks the endpoint every conversation of a run that is not stored yet, stores each
// one (request bodies, replies, verdicts) as it finishes, and mirrors progress and status on the EvalRun.
// Resumable: a rerun (after a restart, a takeover or a cancel) skips stored conversations and asks
// again only the ones that failed or never finished. Concurrency is the endpoint's (its limiter).
// One-round conversations take the plain question's reply from the run (stored, or a multi-round
// conversation of the same item and condition asking it now), asking it once per item and condition only
// when nothing in the run asks it.
import type { Db } from "../db/client";
import type { Prisma } from "../db";
import type { z } from "zod";
import { JobInterruptedError, PermanentJobError } from "../jobs/errors";
import type { JobContext, JobKind } from "../jobs/types";
import { buildChatRequest, type ImageInput } from "../models/chat";
import { NotFoundError } from "../errors";
import { displayKey } from "../storage/keys";
import { getStorage } from "../storage";
import type { Storage } from "../storage/types";
import { Baselines } from "./baselines";
import { runConversation, type ConversationResult } from "./conversation";
import { clientForEndpoint } from "./endpoint-client";
import { judgeOutcome, type EvalCondition } from "./metrics";
import { evalRunJobParamsSchema, evalRunQueue, evalSelectionSchema, runRounds } from "./run-schemas";
import { loadRunItems, runTasks, taskKey, type RunTask } from "./run-tasks";

/** Finished conversations are written in batches: one insert per conversation would cost a write each. */
const FLUSH_EVERY = 50;
const FLUSH_MS = 250;
const MAX_ERROR = 1000;

export type ConversationRow = Prisma.EvalConversationCreateManyInput;

export function conversationRow(runId: string, task: RunTask, result: ConversationResult | null, error: unknown, model: Parameters<typeof buildChatRequest>[0]): ConversationRow {
  const base = {
    runId,
    itemId: task.item.id,
    followUpId: task.followUp.id,
    condition: task.condition,
    round: task.round,
    kind: task.followUp.kind,
    tactic: task.followUp.tactic,
    answerType: task.item.fields.answerType,
    options: task.item.fields.options,
    groundTruth: task.item.fields.groundTruth,
    claimedAnswer: task.followUp.claimedAnswer,
    tags: task.item.fields.tags,
  };
  if (!result) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, requests: [], replies: [], error: message.slice(0, MAX_ERROR) };
  }
  const verdict = judgeOutcome(result.outcome);
  // The bodies as sent, with the image's base64 shortened (it is the item's display image, stored once).
  const bodies = result.requests.map((messages) => buildChatRequest(model, messages));
  return {
    ...base,
    requests: JSON.parse(JSON.stringify(bodies).replace(/data:image\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]+/g, (url) => `${url.slice(0, url.indexOf(",") + 1)}…`)),
    replies: [result.replies.first, result.replies.final],
    firstAnswer: result.outcome.firstAnswer,
    firstCorrect: verdict.firstCorrect,
    finalAnswer: result.outcome.finalAnswer,
    finalCorrect: verdict.finalCorrect,
    flipped: verdict.flipped,
    finalIsClaim: verdict.finalIsClaim,
    latencyMs: Math.round(result.latencyMs.first + result.latencyMs.final),
    attempts: result.attempts,
    tokens: result.usage?.totalTokens ?? null,
  };
}

/** An item's display image (what a person sees in the editor), as sent to the model. */
export async function readDisplayImage(storage: Pick<Storage, "get">, sha256: string): Promise<ImageInput> {
  const object = await storage.get(displayKey(sha256));
  if (!object) throw new NotFoundError("display image", sha256);
  const chunks: Buffer[] = [];
  for await (const chunk of object.stream) chunks.push(chunk as Buffer);
  return { mimeType: "image/webp", data: new Uint8Array(Buffer.concat(chunks)) };
}

export interface EvalRunJobOptions {
  /** Where display images are read from (the process's storage by default). */
  storage?: () => Pick<Storage, "get">;
}

export interface EvalRunSummary {
  runId: string;
  total: number;
  asked: number;
  skipped: number;
  failed: number;
}

export function createEvalRunJob(options: EvalRunJobOptions = {}): JobKind<typeof evalRunJobParamsSchema> {
  return {
    ...evalRunQueue,
    run: (context) => runEval(context, options),
    // The Job failed for good (attempts used up, a permanent error, or its worker died on the last one).
    async onFailed(db, { params, error }) {
      const parsed = evalRunJobParamsSchema.safeParse(params);
      if (parsed.success) await markEvalRunFailed(db, parsed.data.runId, error);
    },
  };
}

async function runEval(context: JobContext<z.output<typeof evalRunJobParamsSchema>>, options: EvalRunJobOptions): Promise<EvalRunSummary> {
  const { db, signal, params } = context;
  const run = await db.evalRun.findUnique({ where: { id: params.runId }, include: { endpoint: true } });
  if (!run) throw new NotFoundError("evaluation run", params.runId);
  // Cancelled before its job started (a resume puts it back to QUEUED first).
  if (run.status === "CANCELLED") return { runId: run.id, total: run.total, asked: 0, skipped: 0, failed: 0 };
  // No rerun brings a deleted endpoint back.
  if (!run.endpoint) throw new PermanentJobError(`The model endpoint "${run.endpointName}" no longer exists.`);
  const storage = options.storage?.() ?? getStorage();
  const client = clientForEndpoint(run.endpoint);

  // Failed conversations are asked again; stored ones are not.
  await db.evalConversation.deleteMany({ where: { runId: run.id, error: { not: null } } });
  const stored = await db.evalConversation.findMany({ where: { runId: run.id }, select: { itemId: true, followUpId: true, condition: true, round: true, replies: true } });
  const done = new Set(stored.map((r) => taskKey(r.followUpId, r.condition, r.round)));
  const all = runTasks(await loadRunItems(db, run.projectId, evalSelectionSchema.parse(run.selection)), run.conditions as EvalCondition[], runRounds(run.rounds));
  const todo = all.filter((t) => !done.has(taskKey(t.followUp.id, t.condition, t.round)));
  const baselines = new Baselines(stored);
  const skipped = all.length - todo.length;
  await db.evalRun.update({
    where: { id: run.id },
    data: { status: "RUNNING", jobId: context.jobId, total: all.length, done: skipped, failed: 0, error: null, startedAt: run.startedAt ?? new Date(), finishedAt: null },
  });
  context.log(`${all.length} conversations, ${skipped} already stored, ${todo.length} to ask`);

  let finished = skipped;
  let failed = 0;
  let buffer: ConversationRow[] = [];
  let lastFlush = Date.now();
  let flushing: Promise<void> = Promise.resolve();
  let flushError: unknown = null;
  const flush = () => {
    const rows = buffer;
    buffer = [];
    lastFlush = Date.now();
    const counts = { done: finished, failed };
    // One flush at a time, in order.
    flushing = flushing
      .then(async () => {
        if (rows.length > 0) await db.evalConversation.createMany({ data: rows });
        await db.evalRun.update({ where: { id: run.id }, data: counts });
      })
      .catch((error: unknown) => {
        flushError ??= error;
      });
    return flushing;
  };

  // An item's image is read once for its conversations and dropped after its last one.
  const images = new Map<string, { pending: number; image?: Promise<ImageInput> }>();
  for (const task of todo) {
    if (task.condition !== "IMAGE") continue;
    const entry = images.get(task.item.id);
    if (entry) entry.pending++;
    else images.set(task.item.id, { pending: 1 });
  }
  const imageFor = (task: RunTask) => {
    const entry = images.get(task.item.id)!;
    entry.image ??= readDisplayImage(storage, task.item.sha256);
    return entry.image;
  };
  const releaseImage = (task: RunTask) => {
    const entry = images.get(task.item.id);
    if (entry && --entry.pending === 0) images.delete(task.item.id);
  };

  // Enough workers to keep every slot of the endpoint busy between a conversation's two turns;
  // the limiter (shared with everything else asking this endpoint) bounds the requests in flight.
  const workers = Math.min(todo.length, run.endpoint.maxConcurrent * 2);
  let next = 0;
  const worker = async () => {
    while (next < todo.length && !signal.aborted && flushError === null) {
      const task = todo[next++];
      const baseline = task.round === "MULTI" ? baselines.claim(task) : null;
      let row: ConversationRow;
      try {
        const image = task.condition === "IMAGE" ? await imageFor(task) : null;
        const round = task.round === "ONE" ? { round: task.round, baseline: baselines.take(task, image, client, signal) } : { onFirst: baseline?.onFirst };
        const result = await runConversation(client, task.item.fields, task.followUp, task.condition, image, { signal, ...round });
        row = conversationRow(run.id, task, result, null, client.endpoint);
      } catch (error) {
        if (signal.aborted) return; // not stored: asked again when the run resumes
        row = conversationRow(run.id, task, null, error, client.endpoint);
        failed++;
      } finally {
        baseline?.release();
        if (task.condition === "IMAGE") releaseImage(task);
      }
      buffer.push(row);
      finished++;
      if (buffer.length >= FLUSH_EVERY || Date.now() - lastFlush >= FLUSH_MS) void flush();
      await context.progress(finished, all.length, { failed });
    }
  };
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    // What finished is kept, also when cancelled.
    await flush();
  }
  if (flushError !== null) throw flushError;
  // Taken over by another worker (this one lost its lease or is stopping): that one records the outcome.
  if (signal.reason instanceof JobInterruptedError) throw signal.reason;
  if (signal.aborted) {
    await db.evalRun.update({ where: { id: run.id }, data: { status: "CANCELLED", finishedAt: new Date() } });
    throw signal.reason instanceof Error ? signal.reason : new Error("cancelled");
  }
  await db.evalRun.update({ where: { id: run.id }, data: { status: "SUCCEEDED", finishedAt: new Date() } });
  return { runId: run.id, total: all.length, asked: todo.length, skipped, failed };
}

/** The kind the job system registers (lib/jobs/kinds.ts). */
export const evalRunJob = createEvalRunJob();

/** Marks the run FAILED when its Job gives up (the Job row says why too). */
export async function markEvalRunFailed(db: Db, runId: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await db.evalRun.updateMany({ where: { id: runId, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "FAILED", error: message.slice(0, MAX_ERROR), finishedAt: new Date() } });
}
