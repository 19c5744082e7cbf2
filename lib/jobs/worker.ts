// A worker: claims due jobs of the kinds it knows (up to `concurrency` at once), runs each with
// executeJob, and looks again every pollMs or at once when this process queues a job. Any number of
// workers, in any processes, share one database safely (claims are atomic, writes guarded by the lease).
import os from "node:os";
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import type { JobModel as Job } from "../db";
import { claimNextJob, failAbandonedJobs } from "./claim";
import { DEFAULT_LEASE_MS, DEFAULT_POLL_MS, DEFAULT_PROGRESS_MS, DEFAULT_STOP_TIMEOUT_MS, retryDelayMs } from "./config";
import { executeJob, type ExecutedJob } from "./execute";
import { MAINTENANCE_CHECK_MS, MAINTENANCE_KIND, scheduleMaintenance } from "./maintenance";
import { onJobQueued } from "./nudge";
import type { JobKind } from "./types";

export interface WorkerOptions {
  db: Db;
  /** The kinds this worker runs; it never claims others. */
  kinds: readonly JobKind[];
  concurrency?: number;
  leaseMs?: number;
  heartbeatMs?: number;
  pollMs?: number;
  progressMs?: number;
  retryDelayMs?: (attempt: number) => number;
  /** Default host:pid:random. */
  workerId?: string;
  log?: (message: string) => void;
}

export class JobWorker {
  readonly id: string;
  private readonly kinds: Map<string, JobKind>;
  private readonly running = new Map<string, Promise<void>>();
  private readonly interrupt = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private filling: Promise<void> | null = null;
  private again = false;
  private stopping = false;
  private idleWaiters: (() => void)[] = [];
  private maintenanceCheckAt = 0;

  constructor(private readonly options: WorkerOptions) {
    this.id = options.workerId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
    this.kinds = new Map(options.kinds.map((k) => [k.kind, k]));
  }

  get concurrency(): number {
    return Math.max(1, Math.floor(this.options.concurrency ?? 1));
  }

  /** Ids of the jobs this worker is running now. */
  get active(): string[] {
    return [...this.running.keys()];
  }

  start(): this {
    if (this.timer || this.stopping) return this;
    this.timer = setInterval(() => this.wake(), this.options.pollMs ?? DEFAULT_POLL_MS);
    this.timer.unref();
    this.unsubscribe = onJobQueued(() => this.wake());
    this.wake();
    return this;
  }

  /**
   * Stops claiming; running jobs may finish within timeoutMs, then the rest are released to the queue
   * (another worker starts them again) and their handlers interrupted.
   */
  async stop({ timeoutMs = DEFAULT_STOP_TIMEOUT_MS }: { timeoutMs?: number } = {}): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    await this.filling;
    const all = Promise.all(this.running.values());
    let timeout: NodeJS.Timeout | undefined;
    const late = await Promise.race([all.then(() => false), new Promise<boolean>((resolve) => (timeout = setTimeout(() => resolve(true), timeoutMs)))]);
    clearTimeout(timeout);
    if (late) {
      this.log(`worker ${this.id}: releasing ${this.running.size} running job(s) to other workers`);
      this.interrupt.abort();
      await all;
    }
  }

  /** Resolves when this worker runs nothing and found nothing due (tests). */
  whenIdle(): Promise<void> {
    if (this.running.size === 0 && !this.filling) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Look for due jobs now. */
  wake(): void {
    if (this.stopping) return;
    if (this.filling) {
      this.again = true;
      return;
    }
    this.filling = this.fill()
      .catch((error) => this.log(`worker ${this.id}: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.filling = null;
        if (this.again) {
          this.again = false;
          this.wake();
        } else this.settleIdle();
      });
  }

  private async fill() {
    const { db } = this.options;
    const kinds = [...this.kinds.keys()];
    if (this.kinds.has(MAINTENANCE_KIND) && Date.now() >= this.maintenanceCheckAt) {
      this.maintenanceCheckAt = Date.now() + MAINTENANCE_CHECK_MS;
      await scheduleMaintenance(db).catch((error) => this.log(`worker ${this.id}: scheduling maintenance: ${error instanceof Error ? error.message : String(error)}`));
    }
    for (const job of await failAbandonedJobs(db, kinds)) {
      this.log(`job ${job.id} (${job.kind}): FAILED after ${job.attempts} attempt(s): ${job.error}`);
      await this.kinds.get(job.kind)?.onFailed?.(db, { jobId: job.id, params: job.params, error: job.error ?? "" }).catch(() => {});
    }
    while (this.running.size < this.concurrency && !this.stopping) {
      const job = await claimNextJob(db, { workerId: this.id, kinds, leaseMs: this.leaseMs });
      if (!job) return;
      const run = this.run(job).finally(() => {
        this.running.delete(job.id);
        this.wake();
        this.settleIdle();
      });
      this.running.set(job.id, run);
    }
  }

  private get leaseMs() {
    return this.options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  private async run(job: Job) {
    const kind = this.kinds.get(job.kind)!;
    const started = Date.now();
    this.log(`job ${job.id} (${job.kind}) attempt ${job.attempts}/${job.maxAttempts}: started by ${this.id}`);
    let executed: ExecutedJob;
    try {
      executed = await executeJob(this.options.db, kind, job, {
        workerId: this.id,
        leaseMs: this.leaseMs,
        heartbeatMs: this.options.heartbeatMs,
        progressMs: this.options.progressMs ?? DEFAULT_PROGRESS_MS,
        retryDelayMs: this.options.retryDelayMs ?? retryDelayMs,
        interrupt: this.interrupt.signal,
        log: (message) => this.log(message),
      });
    } catch (error) {
      // Recording the outcome failed (the database went away): the lease runs out and the job is retried.
      this.log(`job ${job.id} (${job.kind}): could not record its outcome: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const why = executed.error instanceof Error ? `: ${executed.error.message}` : "";
    const said: Record<ExecutedJob["outcome"], string> = {
      SUCCEEDED: `succeeded in ${seconds} s`,
      CANCELLED: `cancelled after ${seconds} s`,
      RETRY: `failed, will retry${why}`,
      FAILED: `FAILED for good${why}`,
      LOST: `stopped here after ${seconds} s (released or taken over by another worker)`,
    };
    this.log(`job ${job.id} (${job.kind}) attempt ${job.attempts}/${job.maxAttempts}: ${said[executed.outcome]}`);
  }

  private log(message: string) {
    this.options.log?.(message);
  }

  private settleIdle() {
    if (this.running.size > 0 || this.filling) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
