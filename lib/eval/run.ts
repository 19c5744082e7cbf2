// Many evaluation conversations against one endpoint, in memory: the endpoint's limiter (inside the
// client) bounds the concurrency, so all conversations are started at once and finish as slots free up.
// (Stored, resumable runs build on this: they skip conversations already stored and persist each result.)
import type { ImageInput } from "../models/chat";
import type { ChatClient } from "../models/client";
import { runConversation, type ConversationResult, type EvalFollowUp, type EvalItem } from "./conversation";
import type { EvalCondition, EvalRound } from "./metrics";

export interface ConversationTask {
  item: EvalItem;
  followUp: EvalFollowUp;
  condition: EvalCondition;
  /** MULTI by default; ONE asks the plain question itself (no run to share it with). */
  round?: EvalRound;
  /** Needed for the IMAGE condition. */
  image: ImageInput | null;
}

export type TaskResult = { task: ConversationTask; result: ConversationResult } | { task: ConversationTask; error: unknown };

/** Every task's result or error, in task order; one failed conversation does not stop the others. */
export async function runConversations(
  client: ChatClient,
  tasks: readonly ConversationTask[],
  options: { signal?: AbortSignal; onResult?: (result: TaskResult, index: number) => void } = {},
): Promise<TaskResult[]> {
  return Promise.all(
    tasks.map(async (task, index) => {
      let outcome: TaskResult;
      try {
        outcome = { task, result: await runConversation(client, task.item, task.followUp, task.condition, task.image, { signal: options.signal, round: task.round }) };
      } catch (error) {
        if (options.signal?.aborted) throw error;
        outcome = { task, error };
      }
      options.onResult?.(outcome, index);
      return outcome;
    }),
  );
}
