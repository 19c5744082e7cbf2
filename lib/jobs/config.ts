// The job system's settings: whether this process runs a worker, how many jobs at once, and the timings.
import { InvalidInputError } from "../errors";

/** A worker's hold on a job lasts this long unless renewed; after it a dead worker's job is taken over. */
export const DEFAULT_LEASE_MS = 30_000;
/** How often a worker looks for jobs queued by other processes (this process's enqueues nudge it at once). */
export const DEFAULT_POLL_MS = 1000;
/** How often progress() may write to the database. */
export const DEFAULT_PROGRESS_MS = 500;
/** How long a stopping worker lets its running jobs finish before releasing them to other workers. */
export const DEFAULT_STOP_TIMEOUT_MS = 10_000;

type Env = Record<string, string | undefined>;

/** SRT_WORKER=off keeps a web instance from taking jobs (another instance or `npx srt worker` runs them). */
export function workerEnabled(env: Env = process.env): boolean {
  return !/^(off|0|false|no)$/i.test(env.SRT_WORKER?.trim() ?? "");
}

/** SRT_WORKER_CONCURRENCY: jobs one worker runs at once (default 1). */
export function workerConcurrency(env: Env = process.env): number {
  const text = env.SRT_WORKER_CONCURRENCY?.trim();
  if (!text) return 1;
  return parseConcurrency(text, "SRT_WORKER_CONCURRENCY");
}

export function parseConcurrency(text: string, field: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidInputError(field, `${field}: a whole number from 1 to 64, not "${text}"`);
  return n;
}

/** Wait before retrying after a failed attempt: 2 s, 4 s, 8 s … at most a minute. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(1, attempt));
}
