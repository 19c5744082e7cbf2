// One-round conversations of a stored run are judged against the model's reply to the plain question
// (the request a multi-round conversation starts with): this keeps one per item and condition so that
// nothing is asked twice within a run, also across a resume.
import type { ImageInput } from "../models/chat";
import type { ChatClient, ChatCompletion } from "../models/client";
import { firstTurn } from "./conversation";
import type { RunTask } from "./run-tasks";

/**
 * The plain question's reply per item and condition, for one-round conversations: a stored one (turn 1 of
 * any conversation of the run), else the first multi-round conversation's turn 1 of this run (multi-round
 * tasks of an item come before its one-round ones, so it is claimed first), else asked once and shared.
 */
export class Baselines {
  /** null: the request failed (the next one-round conversation asks again). */
  private readonly replies = new Map<string, Promise<ChatCompletion | null>>();
  private readonly key = (task: RunTask) => `${task.item.id}|${task.condition}`;

  constructor(stored: { itemId: string; condition: string; replies: unknown }[]) {
    for (const row of stored) {
      const first = Array.isArray(row.replies) ? row.replies[0] : undefined;
      if (typeof first !== "string") continue; // a failed conversation
      this.replies.set(`${row.itemId}|${row.condition}`, Promise.resolve({ content: first, finishReason: null, usage: null, model: null, latencyMs: 0, attempts: 0 }));
    }
  }

  /**
   * A multi-round task, when picked, becomes its item and condition's baseline unless one is known: its
   * turn 1 is reported through onFirst; release (when the task ends) settles it if turn 1 never came.
   */
  claim(task: RunTask): { onFirst?: (first: Promise<ChatCompletion>) => void; release: () => void } {
    if (this.replies.has(this.key(task))) return { release: () => {} };
    let settle!: (reply: ChatCompletion | null) => void;
    this.replies.set(this.key(task), new Promise((resolve) => (settle = resolve)));
    return { onFirst: (first) => void first.then(settle, () => settle(null)), release: () => settle(null) };
  }

  /** The baseline for a one-round conversation, asked (once, shared) when nothing in the run has it. */
  take(task: RunTask, image: ImageInput | null, client: ChatClient, signal: AbortSignal): () => Promise<ChatCompletion> {
    return async () => {
      for (;;) {
        const shared = this.replies.get(this.key(task));
        if (!shared) {
          const asked = client.complete(firstTurn(task.item.fields, task.condition, image), { signal });
          this.replies.set(this.key(task), asked.catch(() => null));
          return asked;
        }
        const known = await shared;
        if (known) return known;
        // It failed: the first to see it asks again, the others wait for that.
        if (this.replies.get(this.key(task)) === shared) this.replies.delete(this.key(task));
      }
    };
  }
}
