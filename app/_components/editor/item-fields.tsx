"use client";

import { useState } from "react";
import { parseTags, type ItemDraft } from "@/lib/followups/editor-draft";
import { ANSWER_TYPE_LABELS } from "@/lib/followups/labels";
import { normalizeAnswer, optionLabel } from "@/lib/lints/normalize";
import type { AnswerTypeName, LintIssue } from "@/lib/lints/types";
import { SelectField, TextArea, TextField } from "./fields";
import { OptionsEditor } from "./options-editor";

type ItemField = "question" | "answerType" | "options" | "groundTruth" | "caption" | "tags" | "followUps";

/** The item's own fields: question, answer type, options, ground truth, caption and tags. */
export function ItemFields({
  draft,
  edit,
  issues,
  onTouched,
  allowedAnswerTypes,
}: {
  draft: ItemDraft;
  edit: (update: (d: ItemDraft) => ItemDraft) => void;
  issues: (field: ItemField) => LintIssue[];
  onTouched: (field: ItemField) => void;
  allowedAnswerTypes: AnswerTypeName[];
}) {
  const set = (patch: Partial<ItemDraft>) => edit((d) => ({ ...d, ...patch }));
  const types = allowedAnswerTypes.includes(draft.answerType) ? allowedAnswerTypes : [...allowedAnswerTypes, draft.answerType];
  const mcq = draft.answerType === "MULTIPLE_CHOICE";
  const followUpIssues = issues("followUps");

  return (
    <section data-section="item" aria-labelledby="item-title" className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="item-title" className="font-semibold">
        Question and ground truth
      </h2>
      <TextArea
        id="question"
        label="Question"
        rows={2}
        maxLength={2000}
        value={draft.question}
        issues={issues("question")}
        onChange={(e) => set({ question: e.target.value })}
        onTouched={() => onTouched("question")}
        data-first-field
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          id="answerType"
          label="Answer type"
          value={draft.answerType}
          issues={issues("answerType")}
          onChange={(e) => set({ answerType: e.target.value as AnswerTypeName, ...(e.target.value === "MULTIPLE_CHOICE" && draft.options.length === 0 ? { options: ["", ""] } : {}) })}
          onTouched={() => onTouched("answerType")}
        >
          {types.map((t) => (
            <option key={t} value={t}>
              {ANSWER_TYPE_LABELS[t]}
            </option>
          ))}
        </SelectField>
        <GroundTruthField draft={draft} issues={issues("groundTruth")} onChange={(groundTruth) => set({ groundTruth })} onTouched={() => onTouched("groundTruth")} />
      </div>
      {(mcq || draft.options.length > 0) && <OptionsEditor options={draft.options} onChange={(options) => set({ options })} issues={issues("options")} ignored={!mcq} />}
      <div className="grid gap-3 sm:grid-cols-2">
        <TextArea
          id="caption"
          label="Caption"
          rows={2}
          maxLength={4000}
          hint="A neutral description of the image (used by the text-only export)."
          value={draft.caption}
          issues={issues("caption")}
          onChange={(e) => set({ caption: e.target.value })}
          onTouched={() => onTouched("caption")}
        />
        <TagsField tags={draft.tags} onChange={(tags) => set({ tags })} issues={issues("tags")} />
      </div>
      {followUpIssues.length > 0 && (
        <ul className="text-xs" data-testid="follow-up-count-issues">
          {followUpIssues.map((i) => (
            <li key={i.rule} className={i.severity === "error" ? "text-red-700" : "text-amber-700"}>
              {i.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function GroundTruthField({ draft, issues, onChange, onTouched }: { draft: ItemDraft; issues: LintIssue[]; onChange: (v: string) => void; onTouched: () => void }) {
  if (draft.answerType === "MULTIPLE_CHOICE" || draft.answerType === "YES_NO") {
    const value = normalizeAnswer(draft.answerType, draft.groundTruth, draft.options) ?? "";
    const choices =
      draft.answerType === "YES_NO"
        ? [
            { value: "yes", label: "yes" },
            { value: "no", label: "no" },
          ]
        : draft.options.map((o, i) => ({ value: optionLabel(i), label: `${optionLabel(i)}. ${o.trim() || "(empty option)"}` }));
    return (
      <SelectField id="groundTruth" label="Ground truth" value={value} issues={issues} onChange={(e) => onChange(e.target.value)} onTouched={onTouched}>
        <option value="">{draft.groundTruth.trim() && !value ? `“${draft.groundTruth}” (not an option: choose one)` : "— choose —"}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </SelectField>
    );
  }
  return (
    <TextField
      id="groundTruth"
      label="Ground truth"
      hint={draft.answerType === "NUMBER" ? "A single number" : "A short answer"}
      maxLength={500}
      value={draft.groundTruth}
      issues={issues}
      onChange={(e) => onChange(e.target.value)}
      onTouched={onTouched}
    />
  );
}

/** Tags typed as a comma-separated list; the text is kept as typed while it still means the same tags. */
function TagsField({ tags, onChange, issues }: { tags: string[]; onChange: (tags: string[]) => void; issues: LintIssue[] }) {
  const [text, setText] = useState(tags.join(", "));
  const [shown, setShown] = useState(tags.join(", "));
  const external = tags.join(", ");
  if (external !== shown) {
    // Changed from outside (restored backup, merge): show the new tags unless the text already means them.
    setShown(external);
    if (parseTags(text).join(", ") !== external) setText(external);
  }
  return (
    <TextField
      id="tags"
      label="Tags"
      hint="Comma separated, e.g. counting, red"
      value={text}
      issues={issues}
      onChange={(e) => {
        setText(e.target.value);
        const next = parseTags(e.target.value);
        setShown(next.join(", "));
        onChange(next);
      }}
    />
  );
}
