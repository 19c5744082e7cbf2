// The "model-answers" job: a model's first answer for every item of a project that matches a filter.
// Concurrency comes from the endpoint (its limiter, inside the client); 429 / 5xx / timeouts are retried
// with backoff (./retry); resumable: items that already have an answer from this endpoint (a successful
// one) are skipped, so a rerun or a takeover never asks twice. The result is the cost line.
import "server-only";
import { z } from "zod";
import type { Db } from "../db/client";
import { itemFilterWhere, textMatchIds } from "../items/list";
import { listItemsSchema } from "../items/schemas";
import { getStorage } from "../storage/index";
import type { Storage } from "../storage/types";
import type { JobKind } from "../jobs/types";
import { plural } from "../format";
import { answerItem, itemForAskingSelect, type ItemForAsking } from "./ask";
import { createChatClient, type ChatClientOptions } from "./client";
import { assertEndpointEnabled, loadEndpointConfig } from "./endpoints";

export const MODEL_ANSWERS_KIND = "model-answers";

/** The items table's filters (status, assignee, answer type, tag, warnings, words, model was wrong). */
export const answerFilterSchema = listItemsSchema.pick({ status: true, assigneeId: true, answerType: true, tag: true, hasLintWarnings: true, q: true, modelWrong: true });

export const modelAnswersParamsSchema = z.object({
  projectId: z.string().min(1),
  endpointId: z.string().min(1),
  filter: answerFilterSchema.default({}),
});
export type ModelAnswersParams = z.output<typeof modelAnswersParamsSchema>;

export interface ModelAnswersCounts {
  /** Items matching the filter. */
  total: number;
  /** Already answered by this endpoint before this run. */
  skipped: number;
  answered: number;
  correct: number;
  wrong: number;
  /** Replies that could not be read as an answer. */
  unreadable: number;
  /** Requests that failed for good (stored with their error; asked again on the next run). */
  failed: number;
}

export interface ModelAnswersResult extends ModelAnswersCounts {
  requests: number;
  /** null when the server never reported usage. */
  promptTokens: number | null;
  completionTokens: number | null;
  costLine: string;
}

export function costLine(r: Omit<ModelAnswersResult, "costLine">): string {
  const tokens = r.promptTokens === null ? "tokens not reported" : `${r.promptTokens + (r.completionTokens ?? 0)} tokens (${r.promptTokens} prompt, ${r.completionTokens ?? 0} completion)`;
  return `${plural(r.answered, "item")} answered (${r.correct} right, ${r.wrong} wrong, ${r.unreadable} unreadable), ${r.skipped} skipped, ${r.failed} failed; ${plural(r.requests, "request")}, ${tokens}`;
}

/**
 * The items matching the filter (`matching`), and those of them to ask: without a successful answer from
 * this endpoint. A text query's matches are kept in memory (there can be more than a statement binds).
 */
async function itemsToAsk(db: Db, params: ModelAnswersParams): Promise<{ matching: number; pending: ItemForAsking[] }> {
  const { q, ...filter } = params.filter;
  const where = await itemFilterWhere(db, params.projectId, filter);
  const matches = await textMatchIds(db, params.projectId, q);
  const pendingWhere = { AND: [where, { modelAnswers: { none: { endpointId: params.endpointId, error: null } } }] };
  if (!matches) {
    const [matching, pending] = await Promise.all([db.item.count({ where }), db.item.findMany({ where: pendingWhere, select: itemForAskingSelect, orderBy: { id: "asc" } })]);
    return { matching, pending };
  }
  const [all, pending] = await Promise.all([
    db.item.findMany({ where, select: { id: true } }),
    db.item.findMany({ where: pendingWhere, select: itemForAskingSelect, orderBy: { id: "asc" } }),
  ]);
  return { matching: all.filter((i) => matches.has(i.id)).length, pending: pending.filter((i) => matches.has(i.id)) };
}

export function createModelAnswersJob(options: { store?: Pick<Storage, "get">; client?: ChatClientOptions } = {}): JobKind<typeof modelAnswersParamsSchema> {
  return {
    kind: MODEL_ANSWERS_KIND,
    params: modelAnswersParamsSchema,
    maxAttempts: 3,
    async run({ db, params, signal, progress, createdById, log }) {
      await assertEndpointEnabled(db, params.projectId, params.endpointId);
      const endpoint = await loadEndpointConfig(db, params.endpointId);
      const client = createChatClient(endpoint, options.client);
      const store = options.store ?? getStorage();

      const { matching: total, pending } = await itemsToAsk(db, params);
      const counts: ModelAnswersCounts = { total, skipped: total - pending.length, answered: 0, correct: 0, wrong: 0, unreadable: 0, failed: 0 };
      let requests = 0;
      let promptTokens: number | null = null;
      let completionTokens: number | null = null;
      log(`${endpoint.name}: ${plural(pending.length, "item")} to ask, ${counts.skipped} already answered`);
      const done = () => counts.skipped + counts.answered + counts.failed;
      await progress(done(), total, counts);

      // A few more workers than request slots keep the limiter busy while images are read; not one per
      // item, so a large project does not hold every image in memory at once.
      let next = 0;
      const worker = async () => {
        while (next < pending.length && !signal.aborted) {
          const item = pending[next++];
          const outcome = await answerItem({ db, store, client, endpointId: endpoint.id, actorId: createdById, signal }, item);
          requests += outcome.requests;
          if (outcome.usage) {
            promptTokens = (promptTokens ?? 0) + outcome.usage.promptTokens;
            completionTokens = (completionTokens ?? 0) + outcome.usage.completionTokens;
          }
          const view = outcome.view;
          if (view.error !== null) counts.failed++;
          else {
            counts.answered++;
            if (view.correct === true) counts.correct++;
            else if (view.correct === false) counts.wrong++;
            else counts.unreadable++;
          }
          await progress(done(), total, counts);
        }
      };
      await Promise.all(Array.from({ length: Math.min(pending.length, endpoint.maxConcurrent * 2) }, worker));
      signal.throwIfAborted();
      await progress(done(), total, counts);
      const result = { ...counts, requests, promptTokens, completionTokens };
      return { ...result, costLine: costLine(result) } satisfies ModelAnswersResult;
    },
  };
}

/** The kind to register in lib/jobs/kinds.ts. */
export const modelAnswersJob = createModelAnswersJob();
