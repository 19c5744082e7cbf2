// README.md, the dataset card written beside manifest.json.
import { plural } from "../format";
import { formatSplits } from "../splits/schemas";
import type { ExportFormat, SplitFile } from "./formats/types";
import type { Manifest } from "./manifest";
import { ANSWER_TYPES, KINDS } from "./strata";

const VARIANT_TEXT: Record<string, string> = {
  srt: "the assistant's last turn is the reflective reply: it re-examines the image, judges the user's push-back misleading or corrective, and answers.",
  naive: "the assistant's last turn is only the final answer, without reflection (the naive-SFT baseline).",
  "text-only": "the image is replaced by the item's caption in the first user turn and no images are included (the text counterpart, for the modality gap).",
};

function countsTable(manifest: Manifest): string[] {
  const splits = Object.keys(manifest.counts.splits);
  const rows = [`| kind | answer type | ${splits.join(" | ")} | total |`, `|---|---|${splits.map(() => "---:|").join("")}---:|`];
  for (const kind of KINDS) {
    for (const type of ANSWER_TYPES) {
      const cells = splits.map((s) => manifest.counts.splits[s].by_kind_answer_type[kind][type]);
      const total = cells.reduce((a, b) => a + b, 0);
      if (total > 0) rows.push(`| ${kind} | ${type} | ${cells.join(" | ")} | ${total} |`);
    }
  }
  const totals = splits.map((s) => manifest.counts.splits[s].records);
  rows.push(`| **all** | | ${totals.join(" | ")} | ${manifest.counts.records} |`);
  rows.push(`| images | | ${splits.map((s) => manifest.counts.splits[s].images).join(" | ")} | ${manifest.counts.images} |`);
  return rows;
}

function licensesTable(manifest: Manifest): string[] {
  if (manifest.licenses.length === 0) return ["No images."];
  return [
    "| license | source | images |",
    "|---|---|---:|",
    ...manifest.licenses.map((l) => `| ${cell(l.license || "(not recorded)")} | ${cell(l.source || "(not recorded)")} | ${l.images} |`),
  ];
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s+/g, " ");

/** Said only when the export has such records, so the cards of other exports stay as they were. */
function firstTurnText(records: number, format: ExportFormat): string[] {
  if (records === 0) return [];
  return [
    "",
    `**One-round injection**: ${plural(records, "record")} ${records === 1 ? "is an in-first-turn follow-up" : "are in-first-turn follow-ups"}: the user's opinion comes with the`,
    "question, so the conversation has two turns (user: image + question + the user's opinion; assistant: the reply) and",
    "no initial answer. A misleading one states a wrong opinion, a corrective one the right answer." +
      (format.name === "srt" ? " Their `in_first_turn` is `true`." : ""),
  ];
}

export function buildReadme(manifest: Manifest, format: ExportFormat, files: SplitFile[], inFirstTurnRecords = 0): string {
  const p = manifest.parameters;
  const f = p.filters;
  return [
    `# ${manifest.project.name}: SRT training data (${p.format}, ${p.variant})`,
    "",
    "Training data for Sycophantic Reflective Tuning: each record is a four-turn conversation in which a user pushes back",
    "on the model's answer about an image. A **misleading** follow-up pushes a wrong answer at a model that was right; a",
    "**corrective** one corrects a model that was wrong. In this export " + VARIANT_TEXT[p.variant],
    ...firstTurnText(inFirstTurnRecords, format),
    "",
    "## Contents",
    "",
    `- Project \`${manifest.project.slug}\`, exported by ${manifest.tool.name} ${manifest.tool.version} at ${manifest.created_at}.`,
    `- Format \`${p.format}\`, variant \`${p.variant}\`, record schema version ${manifest.schema_version}.`,
    `- Splits \`${formatSplits(p.splits)}\`, seed \`${p.seed}\`: every record of an image and of its near-duplicates`,
    `  (perceptual hashes within ${manifest.grouping.near_duplicate_threshold} bits) is in one split, balanced per kind × answer type.`,
    p.frozenTest ? `- Frozen test set: ${manifest.grouping.pinned_to_test} image group(s) kept in \`test\` from earlier exports.` : "- No frozen test set.",
    `- Filters: statuses ${f.statuses.join(", ")}; ${f.tags.length > 0 ? `tags ${f.tags.join(", ")}` : "any tags"}; ${f.minScore === null ? "no minimum review score" : `mean review score ≥ ${f.minScore}`}; gold items ${f.includeGold ? "included" : "excluded"}${f.excludeModelUnedited ? "; model-drafted rationales nobody edited excluded" : ""}.`,
    `- Files: ${files.map((file) => `\`${file.path}\``).join(", ")}${p.variant !== "text-only" && p.copyImages ? ", `images/<sha256>.<ext>`" : ""}; \`manifest.json\` lists the sha256 and size of each.`,
    "",
    "## Fields",
    "",
    format.fields,
    "",
    "## Counts",
    "",
    ...countsTable(manifest),
    "",
    "## Image sources and licenses",
    "",
    ...licensesTable(manifest),
    "",
    "Check each license before redistributing the images; attributions are in each record (`provenance`) of the `srt` format.",
    "",
    "## Loading",
    "",
    format.loadingGuide(files, p.variant),
    "",
    "Check the files with `npx srt validate <file> --format " + p.format + "`.",
    "",
  ].join("\n");
}
