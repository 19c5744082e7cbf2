// The uploader's queue, independent of React and of the network: files are sent a few at a time,
// each file's progress and result are kept, and failed sends can be retried. A bad file ends as
// "rejected" (the server's answer) or "failed" (network or server error); neither stops the batch.
import type { UploadResultView } from "./upload-result";

export type TaskState = "queued" | "uploading" | "done" | "failed";

export interface UploadTask {
  id: number;
  /** As picked: the path inside a dropped folder, or the file name. */
  name: string;
  size: number;
  state: TaskState;
  /** 0–1 of the bytes sent. */
  progress: number;
  result?: UploadResultView;
  error?: string;
  attempts: number;
}

export type UploadOutcome = { ok: true; result: UploadResultView } | { ok: false; error: string };

export type SendFile<F, M> = (file: F, meta: M, onProgress: (fraction: number) => void) => Promise<UploadOutcome>;

export interface QueueSummary {
  total: number;
  queued: number;
  uploading: number;
  imported: number;
  /** imported, with possible near-duplicates (also counted in `imported`). */
  nearDuplicates: number;
  duplicates: number;
  rejected: number;
  failed: number;
}

export interface QueueSnapshot {
  tasks: readonly UploadTask[];
  summary: QueueSummary;
  /** Bumped each time the queue runs empty after a send imported something (to refresh the grid). */
  importedBatches: number;
}

export interface PickedFile<F> {
  file: F;
  name: string;
  size: number;
}

interface Entry<F, M> {
  file: F;
  meta: M;
}

export interface UploadQueueOptions<F> {
  concurrency?: number;
  /** A result decided without sending (e.g. over the size limit). */
  precheck?: (picked: PickedFile<F>) => UploadResultView | null;
  /** How change notifications are batched (progress events are many); tests pass `(fn) => fn()`. */
  schedule?: (fn: () => void) => void;
}

const EMPTY_SUMMARY: QueueSummary = { total: 0, queued: 0, uploading: 0, imported: 0, nearDuplicates: 0, duplicates: 0, rejected: 0, failed: 0 };

export function summarize(tasks: readonly UploadTask[]): QueueSummary {
  const s = { ...EMPTY_SUMMARY, total: tasks.length };
  for (const t of tasks) {
    if (t.state === "queued") s.queued++;
    else if (t.state === "uploading") s.uploading++;
    else if (t.state === "failed") s.failed++;
    else if (t.result?.status === "imported") {
      s.imported++;
      if (t.result.nearDuplicates.length > 0) s.nearDuplicates++;
    } else if (t.result?.status === "duplicate") s.duplicates++;
    else s.rejected++;
  }
  return s;
}

export class UploadQueue<F, M> {
  private readonly tasks: UploadTask[] = [];
  private readonly entries: Entry<F, M>[] = [];
  private readonly waiting: number[] = [];
  private readonly hidden = new Set<number>();
  private running = 0;
  private importedSinceIdle = false;
  private importedBatches = 0;
  private snapshot: QueueSnapshot = { tasks: [], summary: EMPTY_SUMMARY, importedBatches: 0 };
  private readonly listeners = new Set<() => void>();
  private notifyScheduled = false;
  private readonly concurrency: number;
  private readonly schedule: (fn: () => void) => void;

  constructor(
    private readonly send: SendFile<F, M>,
    private readonly options: UploadQueueOptions<F> = {},
  ) {
    this.concurrency = Math.max(1, Math.min(6, options.concurrency ?? 3));
    this.schedule = options.schedule ?? ((fn) => setTimeout(fn, 80));
  }

  add(files: PickedFile<F>[], meta: M): void {
    for (const picked of files) {
      const id = this.tasks.length;
      const decided = this.options.precheck?.(picked) ?? null;
      this.tasks.push({ id, name: picked.name, size: picked.size, state: decided ? "done" : "queued", progress: 0, result: decided ?? undefined, attempts: 0 });
      this.entries.push({ file: picked.file, meta });
      if (!decided) this.waiting.push(id);
    }
    this.pump();
    this.changed();
  }

  /** Sends every failed file again (with `meta` when given: corrected batch fields). Returns how many. */
  retryFailed(meta?: M): number {
    let n = 0;
    for (const task of this.tasks) {
      if (task.state !== "failed") continue;
      this.update(task.id, { state: "queued", progress: 0, error: undefined });
      if (meta !== undefined) this.entries[task.id].meta = meta;
      this.waiting.push(task.id);
      n++;
    }
    this.pump();
    return n;
  }

  /** Takes finished files off the list (and the summary); running, waiting and failed ones stay. */
  clearFinished(): void {
    // Ids are indexes into `tasks`: finished tasks are hidden rather than removed.
    for (const task of this.tasks) if (task.state === "done") this.hidden.add(task.id);
    this.changed();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): QueueSnapshot => this.snapshot;

  private pump(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const id = this.waiting.shift()!;
      this.running++;
      void this.run(id);
    }
  }

  private async run(id: number): Promise<void> {
    const entry = this.entries[id];
    this.update(id, { state: "uploading", progress: 0, attempts: this.tasks[id].attempts + 1 });
    let outcome: UploadOutcome;
    try {
      outcome = await this.send(entry.file, entry.meta, (fraction) => this.update(id, { progress: Math.max(0, Math.min(1, fraction)) }));
    } catch (error) {
      outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    if (outcome.ok) {
      this.update(id, { state: "done", progress: 1, result: outcome.result });
      if (outcome.result.status === "imported") this.importedSinceIdle = true;
    } else {
      this.update(id, { state: "failed", error: outcome.error });
    }
    this.running--;
    this.pump();
    if (this.running === 0 && this.waiting.length === 0 && this.importedSinceIdle) {
      this.importedSinceIdle = false;
      this.importedBatches++;
    }
    this.changed();
  }

  private update(id: number, patch: Partial<UploadTask>): void {
    this.tasks[id] = { ...this.tasks[id], ...patch };
    this.changed();
  }

  private changed(): void {
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    this.schedule(() => {
      this.notifyScheduled = false;
      const tasks = this.hidden.size === 0 ? this.tasks.slice() : this.tasks.filter((t) => !this.hidden.has(t.id));
      this.snapshot = { tasks, summary: summarize(tasks), importedBatches: this.importedBatches };
      for (const listener of this.listeners) listener();
    });
  }
}
