// Creating an item for an image of the project: a DRAFT with its question and ground truth, ready
// for the editor. The item-level lints that make an item unusable (no question, a ground truth that
// is not one of the options, an answer type the project does not allow) are refused here, naming
// the field; follow-ups are written later in the editor.
import { z } from "zod";
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { itemFieldsSchema } from "../followups/schemas";
import { lintItem } from "../lints/item-rules";
import { parseProjectSettings } from "../projects/settings";

export const createItemSchema = itemFieldsSchema.pick({ question: true, answerType: true, options: true, groundTruth: true, caption: true, tags: true }).extend({
  projectId: z.string().min(1),
  assetId: z.string().min(1, "choose an image"),
});
export type CreateItemInput = z.input<typeof createItemSchema>;

export async function createItemFromAsset(db: Db, actor: { id: string }, input: CreateItemInput): Promise<{ id: string }> {
  const data = createItemSchema.parse(input);
  const issue = (path: string, message: string, value: unknown) => new z.ZodError([{ code: "custom", path: [path], message, input: value }]);

  const asset = await db.asset.findFirst({ where: { id: data.assetId, projectId: data.projectId }, select: { id: true } });
  if (!asset) throw issue("assetId", "no such image in this project", data.assetId);
  const project = await db.project.findUniqueOrThrow({ where: { id: data.projectId }, select: { settings: true } });
  const settings = parseProjectSettings(project.settings);
  const options = data.answerType === "MULTIPLE_CHOICE" ? data.options : [];

  const errors = lintItem({ ...data, options, followUps: [] }, { misleadingPerItem: 0, correctivePerItem: 0, allowedAnswerTypes: settings.allowedAnswerTypes }).filter(
    (i) => i.severity === "error",
  );
  if (errors.length > 0) {
    throw new z.ZodError(errors.map((e) => ({ code: "custom" as const, path: [e.field], message: e.message, input: undefined })));
  }

  return db.$transaction(async (tx) => {
    const item = await tx.item.create({
      data: {
        projectId: data.projectId,
        assetId: data.assetId,
        question: data.question,
        answerType: data.answerType,
        options,
        groundTruth: data.groundTruth,
        caption: data.caption,
        tags: { create: data.tags.map((tag) => ({ tag })) },
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      entity: "Item",
      entityId: item.id,
      action: "create",
      after: { assetId: data.assetId, question: data.question, answerType: data.answerType, options, groundTruth: data.groundTruth, caption: data.caption, tags: data.tags },
    });
    return item;
  });
}
