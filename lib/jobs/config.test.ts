import { describe, expect, it } from "vitest";
import { retryDelayMs, workerConcurrency, workerEnabled } from "./config";
import { retentionFromEnv } from "./retention";

describe("job system settings", () => {
  it("runs a worker unless SRT_WORKER=off", () => {
    expect(workerEnabled({})).toBe(true);
    expect(workerEnabled({ SRT_WORKER: "on" })).toBe(true);
    for (const off of ["off", "OFF", "0", "false", "no"]) expect(workerEnabled({ SRT_WORKER: off })).toBe(false);
  });
  it("reads SRT_WORKER_CONCURRENCY, refusing anything but a whole number from 1", () => {
    expect(workerConcurrency({})).toBe(1);
    expect(workerConcurrency({ SRT_WORKER_CONCURRENCY: "4" })).toBe(4);
    for (const bad of ["0", "-1", "1.5", "many"]) {
      expect(() => workerConcurrency({ SRT_WORKER_CONCURRENCY: bad })).toThrow(/SRT_WORKER_CONCURRENCY/);
    }
  });
  it("backs off between attempts, capped at a minute", () => {
    expect([1, 2, 3].map(retryDelayMs)).toEqual([2000, 4000, 8000]);
    expect(retryDelayMs(20)).toBe(60_000);
  });
});

describe("retention of finished work", () => {
  it("keeps jobs 14 days, failed ones 90, export archives 30, unless the environment says otherwise", () => {
    const day = 24 * 60 * 60 * 1000;
    expect(retentionFromEnv({})).toEqual({ finishedJobsMs: 14 * day, failedJobsMs: 90 * day, exportArchivesMs: 30 * day });
    expect(retentionFromEnv({ SRT_JOBS_KEEP_DAYS: "2", SRT_FAILED_JOBS_KEEP_DAYS: " 7 ", SRT_EXPORT_ARCHIVE_KEEP_DAYS: "0.5" })).toEqual({
      finishedJobsMs: 2 * day,
      failedJobsMs: 7 * day,
      exportArchivesMs: day / 2,
    });
  });
  it("refuses a retention that is not a positive number of days, naming the variable", () => {
    for (const bad of ["0", "-3", "two", "Infinity"]) {
      expect(() => retentionFromEnv({ SRT_EXPORT_ARCHIVE_KEEP_DAYS: bad })).toThrow(/SRT_EXPORT_ARCHIVE_KEEP_DAYS/);
    }
  });
});
