// LLaVA's instruction-tuning format: one JSON list per split of
// { id, image, conversations: [{ from: "human" | "gpt", value }] }, "<image>\n" opening the first human turn.
import { z } from "zod";
import { turnTexts } from "../record";
import { alternationErrors, shapeErrors, srtTurnErrors, unsafePathError } from "./check";
import { IMAGE_TAG, countImageTags, type ExportFormat } from "./types";

const recordSchema = z.object({
  id: z.union([z.string().min(1), z.number()]),
  image: z.string().min(1).optional(),
  conversations: z
    .array(z.object({ from: z.enum(["human", "gpt"]), value: z.string().trim().min(1, "empty turn") }).strict())
    .min(2, "at least one human and one gpt turn"),
});

export const llava: ExportFormat = {
  name: "llava",
  container: "json",
  toJson(record) {
    const conversations = turnTexts(record).map((value, i) => ({
      from: i % 2 === 0 ? "human" : "gpt",
      value: i === 0 && record.image !== null ? `${IMAGE_TAG}\n${value}` : value,
    }));
    return record.image === null
      ? { id: record.follow_up_id, conversations }
      : { id: record.follow_up_id, image: record.image, conversations };
  },
  check(value) {
    const errors = shapeErrors(recordSchema, value);
    if (errors.length > 0) return { errors, images: [] };
    const record = recordSchema.parse(value);
    errors.push(...alternationErrors(record.conversations.map((t) => t.from), "human", "gpt", "conversations"));
    errors.push(...srtTurnErrors(record.conversations.length, "conversations"));
    const tags = record.conversations.reduce((n, t) => n + countImageTags(t.value), 0);
    if (record.image !== undefined) {
      const unsafe = unsafePathError(record.image, "image");
      if (unsafe) errors.push(unsafe);
      if (!record.conversations[0].value.startsWith(`${IMAGE_TAG}\n`)) errors.push(`conversations.0.value: must start with "${IMAGE_TAG}\\n" (the record has an image)`);
      if (tags !== 1) errors.push(`conversations: ${tags} ${IMAGE_TAG} tags for 1 image`);
    } else if (tags !== 0) {
      errors.push(`conversations: ${tags} ${IMAGE_TAG} tags but the record has no image`);
    }
    return { errors, images: record.image !== undefined && errors.length === 0 ? [record.image] : [] };
  },
  fields: "`id` (the follow-up id), `image` (relative path; absent in text-only), `conversations`: four turns `{from: human|gpt, value}`; the first human turn starts with `<image>\\n`.",
  loadingGuide(files) {
    return [
      "Each split is a LLaVA JSON list (`id`, `image`, `conversations`). Train with LLaVA's `train.py`:",
      "",
      "```bash",
      `python llava/train/train_mem.py --data_path ${files[0]?.path ?? "train.json"} --image_folder . ...`,
      "```",
      "",
      "`image` paths are relative to this folder (`--image_folder .`). Or read them with `datasets`:",
      "",
      "```python",
      "from datasets import load_dataset",
      `ds = load_dataset("json", data_files={${files.map((f) => `"${f.split}": "${f.path}"`).join(", ")}})`,
      "```",
    ].join("\n");
  },
};
