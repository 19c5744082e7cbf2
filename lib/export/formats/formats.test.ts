// Each trainer format against its published shape, built from one canonical record.
import { describe, expect, it } from "vitest";
import { buildSrtRecord, type RecordSource } from "../record";
import { summarizeReviews } from "../review-summary";
import type { ExportVariant } from "../schemas";
import { FORMATS, splitFileName } from "./index";
import { IMAGE_TAG, countImageTags } from "./types";

const SHA = "a".repeat(64);
const source: RecordSource = {
  item: {
    id: "item-1",
    assetId: "asset-1",
    question: "Which fruit is in the bowl?",
    answerType: "MULTIPLE_CHOICE",
    options: ["an apple", "a pear"],
    groundTruth: "A",
    caption: "A red apple in a white bowl.",
    isGold: false,
    tags: ["food"],
  },
  followUp: {
    id: "fu-1",
    kind: "MISLEADING",
    initialAnswer: "A",
    userMessage: "It is obviously a pear (B).",
    claimedAnswer: "B",
    tactic: "CONFIDENCE",
    verdict: "MISLEADING",
    evidence: "The fruit is round and red with a short stem, like an apple.",
    response: "Looking again, it is an apple, so the answer stays A.",
    finalAnswer: "A",
    inFirstTurn: false,
    authorId: "user-1",
    createdAt: new Date("2026-01-01T00:00:00Z"),
    updatedAt: new Date("2026-01-01T00:00:00Z"),
  },
  asset: { sha256: SHA, mime: "image/jpeg", source: "own", license: "CC0-1.0", attribution: "" },
  review: summarizeReviews([]),
};
const TEMPLATE = "{evidence} | {verdict} | {response} | {finalAnswer}";
const record = (variant: ExportVariant = "srt") => buildSrtRecord(source, { split: "train", variant, responseTemplate: TEMPLATE });
/** The same follow-up as a one-round injection: the opinion comes with the question. */
const firstTurnRecord = (variant: ExportVariant = "srt") =>
  buildSrtRecord({ ...source, followUp: { ...source.followUp, inFirstTurn: true } }, { split: "train", variant, responseTemplate: TEMPLATE });
const IMAGE = `images/${SHA}.jpg`;
const PROMPT = "Which fruit is in the bowl?\nA. an apple\nB. a pear";
const OPINION_PROMPT = `${PROMPT}\n\nIt is obviously a pear (B).`;
const REPLY = "The fruit is round and red with a short stem, like an apple. | misleading | Looking again, it is an apple, so the answer stays A. | A";

describe("canonical record", () => {
  it("keeps a fixed key order and renders the reply with the project's template", () => {
    const r = record();
    expect(Object.keys(r)).toEqual([
      "schema_version", "item_id", "follow_up_id", "asset_id", "split", "variant", "kind", "answer_type", "question", "options",
      "ground_truth", "caption", "tags", "initial_answer", "user_message", "claimed_answer", "in_first_turn", "tactic", "rationale", "final_answer",
      "image", "messages", "review", "provenance",
    ]);
    expect(r.image).toBe(IMAGE);
    expect(r.messages[0].content).toEqual([{ type: "image", image: IMAGE }, { type: "text", text: PROMPT }]);
    expect(r.messages[3].content).toEqual([{ type: "text", text: REPLY }]);
    expect(record("naive").messages[3].content).toEqual([{ type: "text", text: "A" }]);
    const textOnly = record("text-only");
    expect(textOnly.image).toBeNull();
    expect(textOnly.messages[0].content).toEqual([{ type: "text", text: `Image description: A red apple in a white bowl.\n\n${PROMPT}` }]);
    expect(r.in_first_turn).toBe(false);
    expect(r.initial_answer).toBe("A");
  });

  it("is two turns for an in-first-turn follow-up: question with the opinion, then the reply (every variant)", () => {
    const r = firstTurnRecord();
    expect(r.in_first_turn).toBe(true);
    expect(r.initial_answer).toBe("");
    expect(r.messages).toEqual([
      { role: "user", content: [{ type: "image", image: IMAGE }, { type: "text", text: OPINION_PROMPT }] },
      { role: "assistant", content: [{ type: "text", text: REPLY }] },
    ]);
    expect(firstTurnRecord("naive").messages[1].content).toEqual([{ type: "text", text: "A" }]);
    const textOnly = firstTurnRecord("text-only");
    expect(textOnly.messages).toEqual([
      { role: "user", content: [{ type: "text", text: `Image description: A red apple in a white bowl.\n\n${OPINION_PROMPT}` }] },
      { role: "assistant", content: [{ type: "text", text: REPLY }] },
    ]);
  });
});

describe("one-round injection in the trainer formats", () => {
  it("llava, sharegpt, openai and trl write two turns, the image with the question and the opinion", () => {
    expect(FORMATS.llava.toJson(firstTurnRecord(), {})).toEqual({
      id: "fu-1",
      image: IMAGE,
      conversations: [
        { from: "human", value: `<image>\n${OPINION_PROMPT}` },
        { from: "gpt", value: REPLY },
      ],
    });
    expect(FORMATS.sharegpt.toJson(firstTurnRecord(), {})).toEqual({
      messages: [
        { role: "user", content: `<image>${OPINION_PROMPT}` },
        { role: "assistant", content: REPLY },
      ],
      images: [IMAGE],
    });
    expect(FORMATS.openai.toJson(firstTurnRecord(), { imageUrl: IMAGE })).toEqual({
      messages: [
        { role: "user", content: [{ type: "image_url", image_url: { url: IMAGE } }, { type: "text", text: OPINION_PROMPT }] },
        { role: "assistant", content: REPLY },
      ],
    });
    expect(FORMATS.trl.toJson(firstTurnRecord(), {})).toEqual({
      messages: [
        { role: "user", content: [{ type: "image" }, { type: "text", text: OPINION_PROMPT }] },
        { role: "assistant", content: [{ type: "text", text: REPLY }] },
      ],
      images: [IMAGE],
    });
    expect(FORMATS.trl.toJson(firstTurnRecord("naive"), {})).toMatchObject({ messages: [{}, { content: [{ type: "text", text: "A" }] }] });
    expect(FORMATS.trl.toJson(firstTurnRecord("text-only"), {})).toEqual({
      messages: [
        { role: "user", content: `Image description: A red apple in a white bowl.\n\n${OPINION_PROMPT}` },
        { role: "assistant", content: REPLY },
      ],
    });
  });

  it("every format accepts what it writes for an in-first-turn follow-up", () => {
    for (const format of Object.values(FORMATS)) {
      for (const variant of ["srt", "naive", "text-only"] as const) {
        const value = format.toJson(firstTurnRecord(variant), { imageUrl: variant === "text-only" ? null : IMAGE });
        expect(format.check(value).errors, `${format.name} ${variant}`).toEqual([]);
      }
    }
  });

  it("srt refuses a record whose turns do not match its in_first_turn flag", () => {
    const twoTurnsMarkedFour = { ...firstTurnRecord(), in_first_turn: false };
    expect(FORMATS.srt.check(twoTurnsMarkedFour).errors).toContain("messages: four turns (user, assistant, user, assistant), found 2");
    const fourTurnsMarkedTwo = { ...record(), in_first_turn: true };
    expect(FORMATS.srt.check(fourTurnsMarkedTwo).errors).toEqual([
      "messages: an in-first-turn record has two turns (user: question with the opinion, assistant), found 4",
    ]);
    const withoutOpinion = firstTurnRecord();
    withoutOpinion.messages[0].content = [{ type: "image", image: IMAGE }, { type: "text", text: PROMPT }];
    expect(FORMATS.srt.check(withoutOpinion).errors).toEqual(["messages.0: must end with the user message (the opinion comes with the question)"]);
    // Records written before the flag existed (no in_first_turn key) are four-turn records.
    const { in_first_turn: _flag, ...older } = record();
    expect(FORMATS.srt.check(older).errors).toEqual([]);
  });
});

describe("llava", () => {
  it("is a conversation of human/gpt turns with <image>\\n opening the first", () => {
    expect(FORMATS.llava.toJson(record(), {})).toEqual({
      id: "fu-1",
      image: IMAGE,
      conversations: [
        { from: "human", value: `<image>\n${PROMPT}` },
        { from: "gpt", value: "A" },
        { from: "human", value: "It is obviously a pear (B)." },
        { from: "gpt", value: REPLY },
      ],
    });
    const textOnly = FORMATS.llava.toJson(record("text-only"), {}) as Record<string, unknown>;
    expect("image" in textOnly).toBe(false);
    expect(JSON.stringify(textOnly)).not.toContain(IMAGE_TAG);
    expect(splitFileName(FORMATS.llava, "train")).toBe("train.json");
  });
});

describe("sharegpt (LLaMA-Factory)", () => {
  it("has role/content messages, images, and one <image> tag per image", () => {
    const value = FORMATS.sharegpt.toJson(record(), {}) as { messages: { role: string; content: string }[]; images: string[] };
    expect(value.messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
    expect(value.messages[0].content).toBe(`<image>${PROMPT}`);
    expect(value.images).toEqual([IMAGE]);
    expect(value.messages.reduce((n, m) => n + countImageTags(m.content), 0)).toBe(value.images.length);
  });

  it("registers every split in dataset_info.json with the sharegpt columns and tags", () => {
    const files = [
      { split: "train", path: "train.jsonl" },
      { split: "test", path: "test.jsonl" },
    ];
    const [info] = FORMATS.sharegpt.extraFiles!(files, "srt");
    expect(info.path).toBe("dataset_info.json");
    expect(JSON.parse(info.content)).toEqual({
      srt_train: {
        file_name: "train.jsonl",
        formatting: "sharegpt",
        columns: { messages: "messages", images: "images" },
        tags: { role_tag: "role", content_tag: "content", user_tag: "user", assistant_tag: "assistant" },
      },
      srt_test: {
        file_name: "test.jsonl",
        formatting: "sharegpt",
        columns: { messages: "messages", images: "images" },
        tags: { role_tag: "role", content_tag: "content", user_tag: "user", assistant_tag: "assistant" },
      },
    });
    expect(JSON.parse(FORMATS.sharegpt.extraFiles!(files, "text-only")[0].content).srt_train.columns).toEqual({ messages: "messages" });
  });
});

describe("openai", () => {
  it("puts an image_url part (data URL or path) in the first user turn; nothing but messages", () => {
    const url = "data:image/jpeg;base64,AAAA";
    const value = FORMATS.openai.toJson(record(), { imageUrl: url }) as { messages: { role: string; content: unknown }[] };
    expect(Object.keys(value)).toEqual(["messages"]);
    expect(value.messages[0].content).toEqual([
      { type: "image_url", image_url: { url } },
      { type: "text", text: PROMPT },
    ]);
    expect(value.messages.slice(1).map((m) => typeof m.content)).toEqual(["string", "string", "string"]);
    expect(FORMATS.openai.check(value).errors).toEqual([]);
    const byPath = FORMATS.openai.toJson(record(), { imageUrl: IMAGE });
    expect(FORMATS.openai.check(byPath)).toEqual({ errors: [], images: [IMAGE] });
    expect((FORMATS.openai.toJson(record("text-only"), { imageUrl: null }) as { messages: { content: unknown }[] }).messages[0].content).toBe(
      `Image description: A red apple in a white bowl.\n\n${PROMPT}`,
    );
  });
});

describe("trl", () => {
  it("uses content lists with an image placeholder part, and images beside", () => {
    expect(FORMATS.trl.toJson(record(), {})).toEqual({
      messages: [
        { role: "user", content: [{ type: "image" }, { type: "text", text: PROMPT }] },
        { role: "assistant", content: [{ type: "text", text: "A" }] },
        { role: "user", content: [{ type: "text", text: "It is obviously a pear (B)." }] },
        { role: "assistant", content: [{ type: "text", text: REPLY }] },
      ],
      images: [IMAGE],
    });
    const textOnly = FORMATS.trl.toJson(record("text-only"), {}) as { messages: { content: unknown }[] };
    expect("images" in textOnly).toBe(false);
    expect(typeof textOnly.messages[0].content).toBe("string");
  });
});

describe("checks", () => {
  it("every format accepts what it writes, and refuses unsafe image paths", () => {
    for (const format of Object.values(FORMATS)) {
      for (const variant of ["srt", "naive", "text-only"] as const) {
        const value = format.toJson(record(variant), { imageUrl: variant === "text-only" ? null : IMAGE });
        expect(format.check(value).errors, `${format.name} ${variant}`).toEqual([]);
      }
    }
    const short = FORMATS.llava.toJson(record(), {}) as { conversations: unknown[] };
    short.conversations = short.conversations.slice(0, 3);
    expect(FORMATS.llava.check(short).errors).toEqual([
      "conversations: the conversation must end with an gpt turn",
      "conversations: an SRT record has 4 turns (question, answer, follow-up, reply) or 2 (question with the user's opinion, reply), found 3",
    ]);
    const escaping = { ...(FORMATS.trl.toJson(record(), {}) as object), images: ["../secret.jpg"] };
    expect(FORMATS.trl.check(escaping).errors).toEqual(['images.0: "../secret.jpg" must be a relative path inside the export folder']);
  });
});
