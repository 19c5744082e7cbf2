// LLaMA-Factory's multimodal ShareGPT format: { messages: [{ role, content }], images: [path] }, one
// "<image>" tag per image, registered through a dataset_info.json entry per split.
import { z } from "zod";
import { turnTexts } from "../record";
import type { ExportVariant } from "../schemas";
import { alternationErrors, shapeErrors, srtTurnErrors, unsafePathError } from "./check";
import { IMAGE_TAG, countImageTags, type ExportFormat, type SplitFile } from "./types";

const recordSchema = z.object({
  messages: z
    .array(z.object({ role: z.enum(["system", "user", "assistant"]), content: z.string().trim().min(1, "empty turn") }).strict())
    .min(2, "at least one user and one assistant turn"),
  images: z.array(z.string().min(1)).optional(),
});

/** The dataset name LLaMA-Factory's `--dataset` refers to. */
export function sharegptDatasetName(split: string): string {
  return `srt_${split}`;
}

function datasetInfo(files: SplitFile[], variant: ExportVariant) {
  const withImages = variant !== "text-only";
  return Object.fromEntries(
    files.map((f) => [
      sharegptDatasetName(f.split),
      {
        file_name: f.path,
        formatting: "sharegpt",
        columns: withImages ? { messages: "messages", images: "images" } : { messages: "messages" },
        tags: { role_tag: "role", content_tag: "content", user_tag: "user", assistant_tag: "assistant" },
      },
    ]),
  );
}

export const sharegpt: ExportFormat = {
  name: "sharegpt",
  container: "jsonl",
  toJson(record) {
    const messages = turnTexts(record).map((text, i) => ({
      role: i % 2 === 0 ? "user" : "assistant",
      content: i === 0 && record.image !== null ? `${IMAGE_TAG}${text}` : text,
    }));
    return record.image === null ? { messages } : { messages, images: [record.image] };
  },
  check(value) {
    const errors = shapeErrors(recordSchema, value);
    if (errors.length > 0) return { errors, images: [] };
    const record = recordSchema.parse(value);
    const turns = record.messages[0].role === "system" ? record.messages.slice(1) : record.messages;
    errors.push(...alternationErrors(turns.map((m) => m.role), "user", "assistant", "messages"), ...srtTurnErrors(turns.length, "messages"));
    const images = record.images ?? [];
    const tags = record.messages.reduce((n, m) => n + countImageTags(m.content), 0);
    if (tags !== images.length) errors.push(`messages: ${tags} ${IMAGE_TAG} tags for ${images.length} image(s); they must match`);
    images.forEach((path, i) => {
      const unsafe = unsafePathError(path, `images.${i}`);
      if (unsafe) errors.push(unsafe);
    });
    return { errors, images: errors.length === 0 ? images : [] };
  },
  extraFiles(files, variant) {
    return [{ path: "dataset_info.json", content: `${JSON.stringify(datasetInfo(files, variant), null, 2)}\n` }];
  },
  fields: "`messages`: four turns `{role: user|assistant, content}`, the first user turn starting with `<image>`; `images`: the image paths (one per `<image>` tag; absent in text-only).",
  loadingGuide(files) {
    const names = files.map((f) => sharegptDatasetName(f.split));
    return [
      "ShareGPT-style records for [LLaMA-Factory](https://github.com/hiyouga/LLaMA-Factory); `dataset_info.json` registers",
      `one dataset per split (${names.map((n) => `\`${n}\``).join(", ")}). Point LLaMA-Factory at this folder:`,
      "",
      "```yaml",
      "dataset_dir: /path/to/this/folder",
      `dataset: ${names[0] ?? "srt_train"}`,
      ...(names.includes("srt_val") ? ["eval_dataset: srt_val"] : []),
      "template: qwen2_vl  # your model's template",
      "```",
    ].join("\n");
  },
};
