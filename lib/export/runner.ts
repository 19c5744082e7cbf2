// The web server's background export runner: an in-process queue that runs QUEUED ExportJobs one at a
// time (or SRT_EXPORT_CONCURRENCY at once) with executeExportJob. It starts lazily, on the first export
// page, action or API call, and its first act is to mark jobs left RUNNING by a previous process (a crash,
// a restart) as FAILED "interrupted", removing their temporary files, so a dead export never looks alive
// or finished. Starting a job only queues it and nudges the runner; cancelling is requestExportCancel,
// which a running job notices at its next progress check.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { getDb } from "../db/client";
import { getStorage } from "../storage";
import type { ImageStore } from "./images";
import { executeExportJob, exportsRoot, type ExecuteOptions } from "./job";

export const INTERRUPTED_ERROR = "interrupted: the server stopped while this export was running; nothing was kept, start it again";
const RETRY_DELAY_MS = 1000;

export interface ExportRunnerOptions {
  db: Db;
  storage: ImageStore;
  /** Parent folder of the archives. */
  exportsDir: string;
  /** Jobs run at once (default 1). */
  concurrency?: number;
  /** Also look for queued jobs every this many ms (jobs queued by another process); 0 = only when nudged. */
  pollMs?: number;
  /** Passed to executeExportJob (tests: pageSize, pollMs, onProgress). */
  execute?: Omit<ExecuteOptions, "exportsDir">;
  log?: (message: string) => void;
}

export class ExportRunner {
  private readonly running = new Set<string>();
  private started: Promise<void> | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private idleWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(private readonly options: ExportRunnerOptions) {}

  get concurrency(): number {
    return Math.max(1, Math.floor(this.options.concurrency ?? 1));
  }

  /** Jobs this process is executing now. */
  get active(): string[] {
    return [...this.running];
  }

  /** Once per runner: fail jobs a previous process left RUNNING, then run what is queued. */
  start(): Promise<void> {
    this.started ??= (async () => {
      await this.recoverInterrupted();
      const { pollMs = 0 } = this.options;
      if (pollMs > 0 && !this.stopped) {
        this.timer = setInterval(() => this.nudge(), pollMs);
        this.timer.unref();
      }
      this.nudge();
    })().catch((error) => {
      this.started = null; // the next use tries again (e.g. the database was briefly unreachable)
      throw error;
    });
    return this.started;
  }

  /** After a job was queued: make sure it will run (returns at once; the job runs in the background). */
  async enqueue(): Promise<void> {
    await this.start();
    this.nudge();
  }

  /** Resolves when no job is running and none is queued (tests, graceful shutdown). */
  whenIdle(): Promise<void> {
    if (this.running.size === 0 && !this.draining) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops polling; running jobs finish. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Jobs RUNNING in the database but not in this process belong to a process that is gone. */
  async recoverInterrupted(): Promise<string[]> {
    const { db } = this.options;
    const stale = await db.exportJob.findMany({
      where: { status: "RUNNING", id: { notIn: [...this.running] } },
      select: { id: true, createdById: true, project: { select: { slug: true } } },
    });
    const failed: string[] = [];
    for (const job of stale) {
      const changed = await db.$transaction(async (tx) => {
        const { count } = await tx.exportJob.updateMany({
          where: { id: job.id, status: "RUNNING" },
          data: { status: "FAILED", error: INTERRUPTED_ERROR, finishedAt: new Date() },
        });
        if (count === 0) return false;
        await recordAudit(tx, { actorId: null, entity: "ExportJob", entityId: job.id, action: "interrupted", before: { status: "RUNNING" }, after: { status: "FAILED", error: INTERRUPTED_ERROR } });
        return true;
      });
      if (!changed) continue;
      failed.push(job.id);
      this.removeLeftovers(`${job.project.slug}-${job.id}`);
      this.options.log?.(`export ${job.id}: interrupted by a restart, marked FAILED`);
    }
    return failed;
  }

  /** runExport's temporary folder and archive of an interrupted job (".<name>.tmp-<nonce>[.tar.gz]"). */
  private removeLeftovers(name: string) {
    let entries: string[];
    try {
      entries = fs.readdirSync(this.options.exportsDir);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.startsWith(`.${name}.tmp-`)) fs.rmSync(path.join(this.options.exportsDir, entry), { recursive: true, force: true });
    }
  }

  private nudge() {
    if (this.stopped) return this.settleIdle();
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .catch((error) => this.options.log?.(`export runner: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.draining = null;
        if (this.again) {
          this.again = false;
          this.nudge();
        } else this.settleIdle();
      });
  }

  /** Claims the oldest queued jobs up to the concurrency; each runs in the background. */
  private async drain() {
    const { db } = this.options;
    while (this.running.size < this.concurrency) {
      const next = await db.exportJob.findFirst({
        where: { status: "QUEUED", id: { notIn: [...this.running] } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true },
      });
      if (!next) return;
      this.running.add(next.id);
      void this.run(next.id);
    }
  }

  private async run(jobId: string) {
    const { db, storage, exportsDir, execute } = this.options;
    let retryLater = false;
    try {
      // executeExportJob claims the job (QUEUED → RUNNING) atomically: another runner never runs it twice.
      await executeExportJob(db, storage, jobId, { ...execute, exportsDir });
    } catch (error) {
      // It failed before it could record a result (e.g. the database went away): record it if we can.
      const message = `export runner: ${error instanceof Error ? error.message : String(error)}`.slice(0, 2000);
      this.options.log?.(`export ${jobId}: ${message}`);
      retryLater = true;
      await db.exportJob
        .updateMany({ where: { id: jobId, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "FAILED", error: message, finishedAt: new Date() } })
        .catch(() => {});
    } finally {
      this.running.delete(jobId);
      if (retryLater) setTimeout(() => this.nudge(), RETRY_DELAY_MS).unref();
      else this.nudge();
    }
  }

  private settleIdle() {
    if (this.running.size > 0 || this.draining) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/**
 * Where the server keeps export archives: SRT_EXPORTS_DIR, else <SRT_DATA_DIR>/exports when SRT_DATA_DIR
 * is set (next to the session secret), else data/exports.
 */
export function serverExportsDir(env: Record<string, string | undefined> = process.env): string {
  if (env.SRT_EXPORTS_DIR?.trim()) return exportsRoot(env);
  if (env.SRT_DATA_DIR?.trim()) return path.resolve(/* turbopackIgnore: true */ env.SRT_DATA_DIR.trim(), "exports");
  return exportsRoot(env);
}

/** SRT_EXPORT_RUNNER=off: this process queues jobs but never runs them (another instance does). */
export function runnerEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return !/^(off|0|false|no)$/i.test(env.SRT_EXPORT_RUNNER?.trim() ?? "");
}

const globalForRunner = globalThis as unknown as { srtExportRunner?: ExportRunner | null };

/**
 * The process-wide runner (one per process, shared by every route and page bundle), started on first
 * use; null when SRT_EXPORT_RUNNER=off.
 */
export async function exportRunner(): Promise<ExportRunner | null> {
  if (globalForRunner.srtExportRunner === undefined) {
    globalForRunner.srtExportRunner = runnerEnabled()
      ? new ExportRunner({
          db: getDb(),
          storage: getStorage(),
          exportsDir: serverExportsDir(),
          concurrency: Number(process.env.SRT_EXPORT_CONCURRENCY) || 1,
          pollMs: 5000,
          log: (message) => console.error(message),
        })
      : null;
  }
  const runner = globalForRunner.srtExportRunner;
  await runner?.start();
  return runner;
}
