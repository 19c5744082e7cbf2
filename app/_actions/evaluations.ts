"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { cancelEvalRun, createEvalRun } from "@/lib/eval/runs";
import { reopenEvalRun } from "@/lib/eval/start";
import { assertProjectAccess } from "@/lib/projects/access";
import { defineAction, type ActionResult } from "@/app/_server/action";

// The form's fields as text; the run's own schema (lib/eval/run-schemas.ts) checks them and its errors
// name the run's fields ("selection.tags"), shown under the form's ("tags").
const list = (value: unknown) => (value === undefined ? [] : [value].flat().map(String));
const checked = (v: unknown) => v === "on" || v === "true" || v === true;
const startFormSchema = z.object({
  projectId: z.string().min(1, "required"),
  slug: z.string().min(1, "required"),
  endpoint: z.string().default(""),
  name: z.string().default(""),
  conditions: z.unknown().optional().transform(list),
  rounds: z.unknown().optional().transform(list),
  statuses: z.unknown().optional().transform(list),
  kinds: z.unknown().optional().transform(list),
  tags: z.string().default(""),
  tactics: z.string().default(""),
  gold: z.string().default("any"),
  frozenTest: z.unknown().optional().transform(checked),
  maxItems: z.string().trim().default(""),
});

export const startEvalRunAction = defineAction("runEvaluations", startFormSchema, async (user, form): Promise<ActionResult<{ url: string }>> => {
  const db = getDb();
  await assertProjectAccess(db, user, form.projectId);
  const run = await createEvalRun(db, {
    projectId: form.projectId,
    userId: user.id,
    queue: true,
    body: {
      endpoint: form.endpoint,
      name: form.name,
      conditions: form.conditions,
      rounds: form.rounds,
      selection: {
        statuses: form.statuses,
        kinds: form.kinds,
        tags: form.tags,
        tactics: form.tactics,
        gold: form.gold,
        frozenTest: form.frozenTest,
        maxItems: form.maxItems === "" ? null : Number(form.maxItems),
      },
    },
  });
  revalidatePath(`/projects/${form.slug}/evaluations`);
  return { ok: true, message: "Run queued.", data: { url: `/projects/${form.slug}/evaluations/${run.id}` } };
});

const runFormSchema = z.object({ projectId: z.string().min(1), slug: z.string().min(1), runId: z.string().min(1) });

export const cancelEvalRunAction = defineAction("runEvaluations", runFormSchema, async (user, form) => {
  const db = getDb();
  await assertProjectAccess(db, user, form.projectId);
  await cancelEvalRun(db, { projectId: form.projectId, runId: form.runId, userId: user.id });
  revalidatePath(`/projects/${form.slug}/evaluations/${form.runId}`);
  return { ok: true, message: "Cancel requested." };
});

export const resumeEvalRunAction = defineAction("runEvaluations", runFormSchema, async (user, form) => {
  const db = getDb();
  await assertProjectAccess(db, user, form.projectId);
  await reopenEvalRun(db, { projectId: form.projectId, runId: form.runId, userId: user.id, queue: true });
  revalidatePath(`/projects/${form.slug}/evaluations/${form.runId}`);
  return { ok: true, message: "Resumed: only what is not stored yet is asked." };
});
