// Background kind "images-regroup": recomputes a project's near-duplicate groups (after its threshold
// changed, or for assets older than the stored groups). Run in the foreground by `npx srt images
// regroup`, or queued for a worker once the kind is registered in lib/jobs/kinds.ts.
import { z } from "zod";
import type { JobKind } from "../jobs/types";
import { regroupProject } from "./groups";

export const regroupJobParams = z.object({ projectId: z.string().min(1) });

export const regroupJob: JobKind<typeof regroupJobParams> = {
  kind: "images-regroup",
  params: regroupJobParams,
  // Idempotent: a rerun recomputes from the hashes and writes only what differs.
  maxAttempts: 3,
  run: ({ db, params, createdById, signal, progress }) =>
    regroupProject(db, params.projectId, {
      actorId: createdById,
      signal,
      // Reading the hashes is most of the work; the writing phase has its own count.
      onProgress: ({ phase, done, total }) => progress(done, total, { phase }),
    }),
};
