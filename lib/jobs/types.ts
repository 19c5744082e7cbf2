// The contract between the job system (lib/jobs: claim, lease, heartbeat, takeover, cancel, worker) and
// the concepts that have background work (exports, model answers, evaluation runs). A concept defines a
// JobKind beside its logic (e.g. lib/eval/run-job.ts) and lib/jobs/kinds.ts lists every kind in one place.
import type { z } from "zod";
import type { Db } from "../db/client";

/** What a running job is given. */
export interface JobContext<Params> {
  jobId: string;
  /** Already validated with the kind's schema. */
  params: Params;
  projectId: string | null;
  createdById: string | null;
  /** 1 on the first run; higher when the job was taken over after its worker died or failed. */
  attempt: number;
  db: Db;
  /**
   * Aborted when a cancel was requested (from any instance) or this worker lost the lease; the handler
   * stops at its next check (pass it to fetch and long loops) and throws or returns.
   */
  signal: AbortSignal;
  /**
   * Stores progress (visible from every instance) and renews the lease. Cheap to call often: writes are
   * throttled. `detail` is kind-specific JSON shown beside the bar (e.g. counts so far).
   */
  progress(done: number, total?: number, detail?: unknown): Promise<void>;
  log(message: string): void;
}

/** One kind of background work. */
export interface JobKind<Schema extends z.ZodType = z.ZodType> {
  /** Stable name stored in Job.kind, e.g. "export", "model-answers", "eval-run". */
  kind: string;
  /** Validates Job.params when the job is enqueued and again when it is claimed. */
  params: Schema;
  /** Attempts before the job is FAILED for good (default 3). A handler should make reruns resume, not repeat. */
  maxAttempts?: number;
  /**
   * Does the work; the resolved value is stored as Job.result (JSON). Throwing fails this attempt (the job
   * is retried after a back-off until maxAttempts); throw PermanentJobError (lib/jobs/errors.ts) for a
   * failure no rerun can fix. When the signal is aborted with JobInterruptedError the job goes on
   * elsewhere: stop without recording an outcome of your own.
   */
  run(context: JobContext<z.output<Schema>>): Promise<unknown>;
  /**
   * Optional: called once the job is FAILED for good (attempts used up, or its worker died on the last
   * one), so a concept that mirrors the job in its own table (ExportJob) can record the failure.
   */
  onFailed?(db: Db, failure: { jobId: string; params: unknown; error: string }): Promise<void>;
}
