// How long finished work is kept: Job rows (lib/jobs/prune.ts) and export archives
// (lib/export/archive-expiry.ts), read from the environment with defaults; the maintenance job applies them.
import { InvalidInputError } from "../errors";

type Env = Record<string, string | undefined>;

const DAY_MS = 24 * 60 * 60 * 1000;

export const RETENTION_DEFAULT_DAYS = {
  /** SUCCEEDED and CANCELLED jobs. */
  SRT_JOBS_KEEP_DAYS: 14,
  /** FAILED jobs: longer, their error is what someone may still look for. */
  SRT_FAILED_JOBS_KEEP_DAYS: 90,
  /** The .tar.gz of a finished export (the ExportJob row and its parameters stay, to run it again). */
  SRT_EXPORT_ARCHIVE_KEEP_DAYS: 30,
} as const;

type RetentionVariable = keyof typeof RETENTION_DEFAULT_DAYS;

export interface Retention {
  finishedJobsMs: number;
  failedJobsMs: number;
  exportArchivesMs: number;
}

function days(env: Env, name: RetentionVariable): number {
  const text = env[name]?.trim();
  if (!text) return RETENTION_DEFAULT_DAYS[name] * DAY_MS;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || n > 36_500) throw new InvalidInputError(name, `${name}: a number of days above 0 (e.g. 14 or 0.5), not "${text}"`);
  return n * DAY_MS;
}

export function retentionFromEnv(env: Env = process.env): Retention {
  return {
    finishedJobsMs: days(env, "SRT_JOBS_KEEP_DAYS"),
    failedJobsMs: days(env, "SRT_FAILED_JOBS_KEEP_DAYS"),
    exportArchivesMs: days(env, "SRT_EXPORT_ARCHIVE_KEEP_DAYS"),
  };
}
