// The web server's worker (one per process, started from instrumentation.ts): runs every registered
// kind unless SRT_WORKER=off, SRT_WORKER_CONCURRENCY jobs at once.
import "server-only";
import { getDb } from "../db/client";
import { workerConcurrency, workerEnabled } from "./config";
import { JOB_KINDS } from "./kinds";
import { JobWorker } from "./worker";

const state = globalThis as unknown as { srtJobWorker?: JobWorker | null };

/** Starts this process's worker once; null when SRT_WORKER=off. */
export function startServerWorker(env: Record<string, string | undefined> = process.env): JobWorker | null {
  if (state.srtJobWorker === undefined) {
    state.srtJobWorker = workerEnabled(env)
      ? new JobWorker({ db: getDb(), kinds: JOB_KINDS, concurrency: workerConcurrency(env), log: (message) => console.log(message) }).start()
      : null;
  }
  return state.srtJobWorker;
}

/** Stops it (tests; a graceful shutdown). */
export async function stopServerWorker(): Promise<void> {
  const worker = state.srtJobWorker;
  delete state.srtJobWorker;
  await worker?.stop();
}
