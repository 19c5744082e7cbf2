import { describe, expect, it } from "vitest";
import { retryDelayMs, workerConcurrency, workerEnabled } from "./config";

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
