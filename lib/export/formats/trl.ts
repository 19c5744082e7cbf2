// TRL's conversational vision format (SFTTrainer): { messages: [{ role, content: [{ type: "image" },
// { type: "text", text }] }], images: [path] }, one image part per image. Text-only: plain string content.
import { z } from "zod";
import { turnTexts } from "../record";
import { alternationErrors, shapeErrors, srtTurnErrors, unsafePathError } from "./check";
import type { ExportFormat } from "./types";

const partSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string().trim().min(1, "empty text") }).strict(),
  z.object({ type: z.literal("image") }).strict(),
]);

const recordSchema = z.object({
  messages: z
    .array(
      z
        .object({
          role: z.enum(["system", "user", "assistant"]),
          content: z.union([z.string().trim().min(1, "empty turn"), z.array(partSchema).min(1)]),
        })
        .strict(),
    )
    .min(2, "at least one user and one assistant turn"),
  images: z.array(z.string().min(1)).optional(),
});

const text = (value: string) => [{ type: "text", text: value }];

export const trl: ExportFormat = {
  name: "trl",
  container: "jsonl",
  toJson(record) {
    const turns = turnTexts(record);
    const role = (i: number) => (i % 2 === 0 ? "user" : "assistant");
    if (record.image === null) return { messages: turns.map((value, i) => ({ role: role(i), content: value })) };
    return {
      messages: turns.map((value, i) => ({ role: role(i), content: i === 0 ? [{ type: "image" }, ...text(value)] : text(value) })),
      images: [record.image],
    };
  },
  check(value) {
    const errors = shapeErrors(recordSchema, value);
    if (errors.length > 0) return { errors, images: [] };
    const record = recordSchema.parse(value);
    const turns = record.messages[0].role === "system" ? record.messages.slice(1) : record.messages;
    errors.push(...alternationErrors(turns.map((m) => m.role), "user", "assistant", "messages"), ...srtTurnErrors(turns.length, "messages"));
    const images = record.images ?? [];
    const parts = record.messages.reduce((n, m) => n + (typeof m.content === "string" ? 0 : m.content.filter((p) => p.type === "image").length), 0);
    if (parts !== images.length) errors.push(`messages: ${parts} image part(s) for ${images.length} image(s); they must match`);
    images.forEach((path, i) => {
      const unsafe = unsafePathError(path, `images.${i}`);
      if (unsafe) errors.push(unsafe);
    });
    return { errors, images: errors.length === 0 ? images : [] };
  },
  fields: "`messages`: four turns `{role, content: [{type: image} | {type: text, text}]}`; `images`: the image paths, one per image part (text-only: plain string contents, no `images`).",
  loadingGuide(files) {
    return [
      "Conversational vision records for TRL's `SFTTrainer`. `images` holds paths; load the pictures when you read them:",
      "",
      "```python",
      "from datasets import load_dataset, Image, Sequence",
      `ds = load_dataset("json", data_files={${files.map((f) => `"${f.split}": "${f.path}"`).join(", ")}})`,
      'ds = ds.cast_column("images", Sequence(Image()))  # run from this folder (paths are relative); skip for text-only',
      "```",
    ].join("\n");
  },
};
