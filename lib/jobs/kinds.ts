// Every kind of background job, in one place: a worker runs the kinds listed here (or a subset, with
// `npx srt worker --kinds …`). A concept defines its kind beside its logic and adds it here.
import { evalRunJob } from "../eval/run-job";
import { exportJobKind } from "../export/job-kind";
import { regroupJob } from "../images/regroup-job";
import { modelAnswersJob } from "../models/answer-job";
import { maintenanceJob } from "./maintenance-job";
import type { JobKind } from "./types";

export const JOB_KINDS: readonly JobKind[] = [
  exportJobKind as unknown as JobKind,
  evalRunJob as unknown as JobKind,
  regroupJob as unknown as JobKind,
  modelAnswersJob as unknown as JobKind,
  maintenanceJob as unknown as JobKind,
];

export function jobKindNames(): string[] {
  return JOB_KINDS.map((k) => k.kind);
}
