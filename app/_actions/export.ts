"use server";

import { revalidatePath } from "next/cache";
import { z, ZodError } from "zod";
import type { SessionUser } from "@/lib/auth/roles";
import { getDb, type Db } from "@/lib/db/client";
import { requestExportCancel, startExportJob } from "@/lib/export/job";
import { exportParamsFromText } from "@/lib/export/params-text";
import { rerunExportJob } from "@/lib/export/rerun";
import { exportParamsSchema, type ExportParams } from "@/lib/export/schemas";
import { countExportMatches, type ExportMatchCount } from "@/lib/export/summary";
import { assertProjectAccess, exportJobForUser } from "@/lib/projects/access";
import { defineAction, type ActionResult } from "@/app/_server/action";

// The export form's fields arrive as text; they become export parameters, which the export's own schema
// (lib/export/schemas.ts) then checks. Its errors name parameters ("filters.minScore"); the form shows
// them under its own fields ("minScore").
const list = (value: unknown) => (value === undefined ? [] : [value].flat().map(String));
const exportFormSchema = z.object({
  projectId: z.string().min(1, "required"),
  format: z.string().default("srt"),
  variant: z.string().default("srt"),
  seed: z.string().trim().default(""),
  train: z.string().trim().default(""),
  val: z.string().trim().default(""),
  test: z.string().trim().default(""),
  statuses: z.unknown().optional().transform(list),
  tags: z.string().default(""),
  minScore: z.string().trim().default(""),
  gold: z.enum(["include", "exclude"], "choose include or exclude").default("include"),
  excludeModelUnedited: z.unknown().optional().transform((v) => v === "on" || v === "true" || v === true),
  imageMode: z.string().default("data-url"),
  copyImages: z.unknown().optional().transform((v) => v === "on" || v === "true" || v === true),
  frozenTest: z.unknown().optional().transform((v) => v === "on" || v === "true" || v === true),
  /** The confirm step for an export that matches nothing (lib/export/empty.ts). */
  allowEmpty: z.unknown().optional().transform((v) => v === "on" || v === "true" || v === true),
});
type ExportForm = z.output<typeof exportFormSchema>;

const SPLIT_FIELDS = ["train", "val", "test"] as const;

function toParams(form: ExportForm): ExportParams {
  return exportParamsSchema.parse(
    exportParamsFromText({
      format: form.format,
      variant: form.variant,
      seed: form.seed,
      splits: SPLIT_FIELDS.map((name) => ({ name, ratio: form[name] })),
      statuses: form.statuses,
      tags: form.tags,
      minScore: form.minScore,
      includeGold: form.gold === "include",
      excludeModelUnedited: form.excludeModelUnedited,
      imageMode: form.imageMode,
      copyImages: form.copyImages,
      // The server keeps exports as archives: a folder could not be downloaded.
      tar: true,
      frozenTest: form.frozenTest,
    }),
  );
}


/** A parameter's path → the form field that sets it. */
function formField(path: PropertyKey[]): string {
  const [head, second] = path.map(String);
  if (head === "splits") return (second !== undefined && SPLIT_FIELDS[Number(second)]) || "splits";
  if (head === "filters") return { statuses: "statuses", tags: "tags", minScore: "minScore", includeGold: "gold" }[second] ?? "filters";
  return head || "form";
}

/** The params' errors, moved onto the form's fields. */
function onFormFields(error: ZodError): ZodError {
  return new ZodError(error.issues.map((issue) => ({ ...issue, path: [formField(issue.path)] })));
}

/** Checks membership and turns the form into export params; a params error answers 400 naming the field. */
async function withParams<T>(
  user: SessionUser,
  form: z.infer<typeof exportFormSchema>,
  work: (db: Db, params: ExportParams) => Promise<ActionResult<T>>,
): Promise<ActionResult<T>> {
  const db = getDb();
  await assertProjectAccess(db, user, form.projectId);
  let params: ExportParams;
  try {
    params = toParams(form);
  } catch (error) {
    throw error instanceof ZodError ? onFormFields(error) : error;
  }
  return work(db, params);
}

export const startExportAction = defineAction("exportData", exportFormSchema, (user, form) =>
  withParams(user, form, async (db, params): Promise<ActionResult<{ jobId: string }>> => {
    const job = await startExportJob(db, { projectId: form.projectId, userId: user.id, params, allowEmpty: form.allowEmpty });
    const project = await db.project.findUniqueOrThrow({ where: { id: form.projectId }, select: { slug: true } });
    revalidatePath(`/projects/${project.slug}/export`);
    return { ok: true, message: "Export started: follow it in the list.", data: { jobId: job.id } };
  }),
);

/** The live summary beside the form: how many follow-ups (records) the current parameters select. */
export const exportSummaryAction = defineAction("exportData", exportFormSchema, (user, form) =>
  withParams(user, form, async (db, params): Promise<ActionResult<ExportMatchCount>> => ({
    ok: true,
    data: await countExportMatches(db, form.projectId, params),
  })),
);

export const cancelExportAction = defineAction("exportData", z.object({ jobId: z.string().min(1, "required") }), async (user, { jobId }) => {
  const db = getDb();
  const job = await exportJobForUser(db, user, jobId);
  await requestExportCancel(db, { jobId, userId: user.id });
  revalidatePath(`/projects/${job.project.slug}/export`);
  return { ok: true, message: "Cancel requested." };
});

/** "Run again": a new export with an earlier one's parameters (its archive expired, or it failed). */
export const rerunExportAction = defineAction("exportData", z.object({ jobId: z.string().min(1, "required") }), async (user, { jobId }) => {
  const db = getDb();
  const job = await exportJobForUser(db, user, jobId);
  await rerunExportJob(db, { exportJobId: job.id, userId: user.id });
  revalidatePath(`/projects/${job.project.slug}/export`);
  return { ok: true, message: "Export started again: follow it in the list." };
});
