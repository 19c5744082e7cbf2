"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { askModel, type ModelAnswerView } from "@/lib/models/ask";
import { answerFilterSchema, modelAnswersJob, type ModelAnswersParams } from "@/lib/models/answer-job";
import { draftWithModel, draftWithModelSchema, type ModelDraft } from "@/lib/models/draft";
import { assertEndpointEnabled, createEndpoint, deleteEndpoint, loadEndpointConfig, setProjectEndpoints, updateEndpoint } from "@/lib/models/endpoints";
import { testConnection, type ConnectionTestResult } from "@/lib/models/test-connection";
import { assertItemAccess, assertProjectAccess } from "@/lib/projects/access";
import { getStorage } from "@/lib/storage/index";
import { defineAction } from "@/app/_server/action";

// Form fields arrive as strings: numbers are converted before the endpoint's own schema checks them.
const number = z.coerce.number();
const endpointForm = z.object({
  name: z.string(),
  baseUrl: z.string(),
  model: z.string(),
  apiKey: z.string().optional(),
  temperature: number.optional(),
  maxTokens: number.optional(),
  timeoutMs: number.optional(),
  maxConcurrent: number.optional(),
  systemPrompt: z.string().optional(),
});

export const createEndpointAction = defineAction("manageModels", endpointForm, async (user, input) => {
  const endpoint = await createEndpoint(getDb(), user.id, input);
  revalidatePath("/models");
  return { ok: true, message: `Added ${endpoint.name}.`, data: { id: endpoint.id } };
});

export const updateEndpointAction = defineAction(
  "manageModels",
  endpointForm.extend({ endpointId: z.string().min(1), clearApiKey: z.literal("on").optional() }),
  async (user, { endpointId, clearApiKey, ...input }) => {
    const endpoint = await updateEndpoint(getDb(), user.id, endpointId, { ...input, clearApiKey: clearApiKey === "on" });
    revalidatePath("/models");
    return { ok: true, message: `Saved ${endpoint.name}.` };
  },
);

export const deleteEndpointAction = defineAction("manageModels", z.object({ endpointId: z.string().min(1) }), async (user, { endpointId }) => {
  await deleteEndpoint(getDb(), user.id, endpointId);
  revalidatePath("/models");
  return { ok: true, message: "Deleted." };
});

export const testConnectionAction = defineAction(
  "manageModels",
  z.object({ endpointId: z.string().min(1) }),
  async (_user, { endpointId }) => ({ ok: true, data: (await testConnection(await loadEndpointConfig(getDb(), endpointId))) satisfies ConnectionTestResult }),
);

export const setProjectEndpointsAction = defineAction(
  "manageProject",
  z.object({ projectId: z.string().min(1), endpointIds: z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : [v].flat())) }),
  async (user, input) => {
    const db = getDb();
    await assertProjectAccess(db, user, input.projectId);
    const ids = await setProjectEndpoints(db, user.id, input);
    revalidatePath("/projects");
    return { ok: true, message: ids.length === 0 ? "No model enabled." : `${ids.length} enabled.` };
  },
);

export const askModelAction = defineAction("askModel", z.object({ itemId: z.string().min(1), endpointId: z.string().min(1, "pick a model") }), async (user, input) => {
  const db = getDb();
  await assertItemAccess(db, user, input.itemId);
  return { ok: true, data: (await askModel(db, getStorage(), user.id, input)) satisfies ModelAnswerView };
});

export const draftWithModelAction = defineAction(
  "askModel",
  draftWithModelSchema,
  async (user, input) => {
    const db = getDb();
    await assertItemAccess(db, user, input.itemId);
    return { ok: true, data: (await draftWithModel(db, getStorage(), input)) satisfies ModelDraft };
  },
);

/** Queues the bulk "model-answers" job: any instance's worker (or `npx srt worker`) runs it; its Job row shows progress. */
export const startModelAnswersAction = defineAction(
  "manageModels",
  z.object({ projectId: z.string().min(1), endpointId: z.string().min(1, "pick a model"), filter: answerFilterSchema.default({}) }),
  async (user, input) => {
    const db = getDb();
    await assertProjectAccess(db, user, input.projectId);
    await assertEndpointEnabled(db, input.projectId, input.endpointId);
    const params: ModelAnswersParams = input;
    await enqueueJob(db, modelAnswersJob, params, { projectId: input.projectId, createdById: user.id });
    return { ok: true, message: "Asking the model for the matching items in the background; progress below." };
  },
);
