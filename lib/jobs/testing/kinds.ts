// Job kinds for the job system's own tests. Every run of a handler leaves an AuditEvent (entity "JobRun",
// action = the attempt), so a test can count how often each job really ran, across processes.
import { z } from "zod";
import { recordAudit } from "../../audit/record";
import type { JobKind } from "../types";

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** Counts `steps` steps of `stepMs` each, writing progress; records each run. */
export const stepsKind: JobKind<z.ZodObject<{ steps: z.ZodNumber; stepMs: z.ZodNumber }>> = {
  kind: "test-steps",
  params: z.object({ steps: z.number().int().min(0).max(10_000), stepMs: z.number().int().min(0) }),
  async run({ db, jobId, attempt, params, signal, progress }) {
    await recordAudit(db, { actorId: null, projectId: null, entity: "JobRun", entityId: jobId, action: String(attempt) });
    for (let step = 1; step <= params.steps; step++) {
      await sleep(params.stepMs, signal);
      await progress(step, params.steps, { step });
    }
    return { steps: params.steps };
  },
};

/** Always throws. */
export const failingKind: JobKind<z.ZodObject<{ message: z.ZodString }>> = {
  kind: "test-failing",
  params: z.object({ message: z.string() }),
  maxAttempts: 2,
  async run({ db, jobId, attempt, params }) {
    await recordAudit(db, { actorId: null, projectId: null, entity: "JobRun", entityId: jobId, action: String(attempt) });
    throw new Error(`${params.message} (attempt ${attempt})`);
  },
};

export const TEST_KINDS: readonly JobKind[] = [stepsKind as unknown as JobKind, failingKind as unknown as JobKind];
