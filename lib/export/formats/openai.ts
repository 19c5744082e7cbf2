// OpenAI chat fine-tuning JSONL: { messages: [...] } only; the user's first turn carries
// { type: "image_url", image_url: { url } } with a base64 data URL or the image's relative path.
import { z } from "zod";
import { turnTexts } from "../record";
import { alternationErrors, shapeErrors, srtTurnErrors, unsafePathError } from "./check";
import type { ExportFormat } from "./types";

const DATA_URL = /^data:image\/(jpeg|png|webp|gif);base64,[A-Za-z0-9+/]+={0,2}$/;

const partSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string().trim().min(1, "empty text") }).strict(),
  z.object({ type: z.literal("image_url"), image_url: z.object({ url: z.string().min(1), detail: z.enum(["auto", "low", "high"]).optional() }).strict() }).strict(),
]);

const recordSchema = z
  .object({
    messages: z
      .array(
        z
          .object({
            role: z.enum(["system", "user", "assistant"]),
            content: z.union([z.string().trim().min(1, "empty turn"), z.array(partSchema).min(1)]),
            weight: z.union([z.literal(0), z.literal(1)]).optional(),
          })
          .strict(),
      )
      .min(2, "at least one user and one assistant turn"),
  })
  .strict();

export const openai: ExportFormat = {
  name: "openai",
  container: "jsonl",
  toJson(record, ctx) {
    const url = ctx.imageUrl ?? null;
    return {
      messages: turnTexts(record).map((text, i) =>
        i === 0
          ? { role: "user", content: url === null ? text : [{ type: "image_url", image_url: { url } }, { type: "text", text }] }
          : { role: i % 2 === 0 ? "user" : "assistant", content: text },
      ),
    };
  },
  check(value) {
    const errors = shapeErrors(recordSchema, value);
    if (errors.length > 0) return { errors, images: [] };
    const { messages } = recordSchema.parse(value);
    const turns = messages[0].role === "system" ? messages.slice(1) : messages;
    errors.push(...alternationErrors(turns.map((m) => m.role), "user", "assistant", "messages"), ...srtTurnErrors(turns.length, "messages"));
    const images: string[] = [];
    messages.forEach((message, m) => {
      if (typeof message.content === "string") return;
      if (message.role !== "user") errors.push(`messages.${m}.content: only user turns may carry content parts (images)`);
      message.content.forEach((part, p) => {
        if (part.type !== "image_url") return;
        const url = part.image_url.url;
        const field = `messages.${m}.content.${p}.image_url.url`;
        if (url.startsWith("data:")) {
          if (!DATA_URL.test(url)) errors.push(`${field}: not a base64 data URL of a JPEG, PNG, WebP or GIF image`);
        } else if (!/^https?:\/\//.test(url)) {
          const unsafe = unsafePathError(url, field);
          if (unsafe) errors.push(unsafe);
          else images.push(url);
        }
      });
    });
    return { errors, images: errors.length === 0 ? images : [] };
  },
  fields: "`messages` only: four turns `{role, content}`; the first user turn's content is `[{type: image_url, image_url: {url}}, {type: text, text}]` (a plain string in text-only), the others are strings.",
  loadingGuide() {
    return [
      "OpenAI chat fine-tuning JSONL (`messages` only). With `--image-mode data-url` (the default) images are inline",
      "base64 data URLs and the files can be uploaded as they are:",
      "",
      "```python",
      "from openai import OpenAI",
      "client = OpenAI()",
      'train = client.files.create(file=open("train.jsonl", "rb"), purpose="fine-tune")',
      "```",
      "",
      "With `--image-mode path` the URL is the image's path inside this folder; replace it with a reachable URL first.",
    ].join("\n");
  },
};
