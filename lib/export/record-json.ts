// The canonical record's JSON text without building the record: the export's hot path. An item's
// follow-ups share most of the text (question, options, caption, first turn, review, image
// provenance), so it is serialised once per item and only the follow-up's own fields per record.
// The text is exactly JSON.stringify(buildSrtRecord(source, ctx)): every value goes through
// JSON.stringify, and record-json.test.ts checks the two agree on varied records. A field added to
// SrtRecord must be added here too (in the same place in the key order).
import { DRAFT_ORIGIN_EXPORT } from "../models/draft-origin-labels";
import { SRT_SCHEMA_VERSION, assistantReply, firstTurnParts, recordImage, type RecordContext, type RecordSource } from "./record";

/**
 * A value's JSON: most texts need no escaping, so they are quoted directly; anything else (quotes,
 * backslashes, control characters, surrogates, null) goes through JSON.stringify. Never different,
 * only sometimes slower.
 */
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;
const quote = (value: string | null): string => (typeof value === "string" && !NEEDS_ESCAPING.test(value) ? `"${value}"` : JSON.stringify(value));
const json = JSON.stringify;

/** Turns a record source and its split into the record's JSON text (one line, no newline). */
export type RecordSerializer = (source: RecordSource, split: string) => string;

interface ItemText {
  item: RecordSource["item"];
  asset: RecordSource["asset"];
  review: RecordSource["review"];
  split: string;
  /** `{"schema_version":…,"item_id":…,"follow_up_id":` */
  head: string;
  /** `,"asset_id":…,"variant":…,"kind":` */
  beforeKind: string;
  /** `,"answer_type":…,"tags":[…],"initial_answer":` */
  beforeInitial: string;
  /** `,"image":…,"messages":[` */
  beforeMessages: string;
  /** `{first turn},{"role":"assistant","content":[{"type":"text","text":` (the initial answer follows) */
  questionTurn: string;
  /** The record's image (null in text-only), for an in-first-turn follow-up's own first turn. */
  image: string | null;
  /** `}]}],"review":{…},"provenance":{"annotator":` */
  beforeAnnotator: string;
  /** `,"image_sha256":…,"attribution":…` (the follow-up's rationale_origin and `}}` follow) */
  tail: string;
}

/** The SRT record serializer for one export (its variant and response template fixed). */
export function srtRecordSerializer({ variant, responseTemplate }: Omit<RecordContext, "split">): RecordSerializer {
  let last: ItemText | null = null;

  const itemText = ({ item, asset, review }: RecordSource, split: string): ItemText => {
    const image = recordImage(asset, variant);
    const reviewPart = { scores: review.scores, reviewers: review.reviewers, decision: review.decision, gold: item.isGold };
    return {
      item,
      asset,
      review,
      split,
      head: `{"schema_version":${json(SRT_SCHEMA_VERSION)},"item_id":${json(item.id)},"follow_up_id":`,
      beforeKind: `,"asset_id":${json(item.assetId)},"split":${json(split)},"variant":${json(variant)},"kind":`,
      beforeInitial:
        `,"answer_type":${json(item.answerType)},"question":${json(item.question)},"options":${json(item.options)},` +
        `"ground_truth":${json(item.groundTruth)},"caption":${json(item.caption)},"tags":${json(item.tags)},"initial_answer":`,
      beforeMessages: `,"image":${json(image)},"messages":[`,
      questionTurn: `{"role":"user","content":${json(firstTurnParts(item, image))}},{"role":"assistant","content":[{"type":"text","text":`,
      image,
      beforeAnnotator: `}]}],"review":${json(reviewPart)},"provenance":{"annotator":`,
      tail: `,"image_sha256":${json(asset.sha256)},"source":${json(asset.source)},"license":${json(asset.license)},"attribution":${json(asset.attribution)}`,
    };
  };

  return (source, split) => {
    // The reader hands an item's follow-ups the same item, asset and review objects, one after another.
    if (last === null || last.item !== source.item || last.asset !== source.asset || last.review !== source.review || last.split !== split) {
      last = itemText(source, split);
    }
    const f = source.followUp;
    // An in-first-turn follow-up has its own first turn (question and opinion) and no initial answer.
    const turns = f.inFirstTurn
      ? `{"role":"user","content":${json(firstTurnParts(last.item, last.image, f.userMessage))}},{"role":"assistant","content":[{"type":"text","text":`
      : last.questionTurn +
        quote(f.initialAnswer.trim()) +
        '}]},{"role":"user","content":[{"type":"text","text":' +
        quote(f.userMessage.trim()) +
        '}]},{"role":"assistant","content":[{"type":"text","text":';
    return (
      last.head +
      quote(f.id) +
      last.beforeKind +
      quote(f.kind) +
      last.beforeInitial +
      quote(f.inFirstTurn ? "" : f.initialAnswer) +
      ',"user_message":' +
      quote(f.userMessage) +
      ',"claimed_answer":' +
      quote(f.claimedAnswer) +
      ',"in_first_turn":' +
      (f.inFirstTurn ? "true" : "false") +
      ',"tactic":' +
      quote(f.tactic) +
      ',"rationale":{"verdict":' +
      quote(f.verdict) +
      ',"evidence":' +
      quote(f.evidence) +
      ',"response":' +
      quote(f.response) +
      '},"final_answer":' +
      quote(f.finalAnswer) +
      last.beforeMessages +
      turns +
      quote(assistantReply(f, variant, responseTemplate)) +
      last.beforeAnnotator +
      quote(f.authorId) +
      ',"created_at":' +
      quote(f.createdAt.toISOString()) +
      ',"updated_at":' +
      quote(f.updatedAt.toISOString()) +
      last.tail +
      ',"rationale_origin":' +
      quote(DRAFT_ORIGIN_EXPORT[f.draftOrigin ?? "HUMAN"]) +
      "}}"
    );
  };
}
