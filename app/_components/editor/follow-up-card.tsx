"use client";

import type { DraftFollowUp, FollowUpField } from "@/lib/followups/editor-draft";
import { FOLLOW_UP_KIND_LABELS, followUpTitle, tacticLabel } from "@/lib/followups/labels";
import type { AnswerTypeName, LintIssue } from "@/lib/lints/types";
import { DRAFT_ORIGIN_LABELS } from "@/lib/models/draft-origin-labels";
import { describedBy, Issues, SelectField, SmallButton, TextArea, TextField } from "./fields";

const ANSWER_HINT: Record<AnswerTypeName, string> = {
  MULTIPLE_CHOICE: "an option letter or an option's text",
  YES_NO: "yes or no",
  NUMBER: "a number",
  SHORT_ANSWER: "a short answer",
};

export interface FollowUpCardProps {
  index: number;
  followUp: DraftFollowUp;
  /** 1-based place among the follow-ups of its kind. */
  n: number;
  answerType: AnswerTypeName;
  tactics: string[];
  issues: (field: FollowUpField) => LintIssue[];
  onChange: (patch: Partial<DraftFollowUp>) => void;
  onTouched: (field: FollowUpField) => void;
  onDraft: () => void;
  /** "Draft with model": present when the project has a model endpoint enabled. */
  onModelDraft?: () => void;
  onRemove?: () => void;
  onFocus: () => void;
  active: boolean;
}

/**
 * One follow-up: the exchange (initial answer, user message, claim, tactic), then the two rationale stages.
 * In the first turn (one-round injection) the user's opinion comes with the question: no initial answer.
 */
export function FollowUpCard({ index, followUp: f, n, answerType, tactics, issues, onChange, onTouched, onDraft, onModelDraft, onRemove, onFocus, active }: FollowUpCardProps) {
  const id = (field: string) => `fu-${index}-${field}`;
  const misleading = f.kind === "MISLEADING";
  const answerHint = ANSWER_HINT[answerType];
  const text = (field: Exclude<FollowUpField, "verdict">) => ({
    id: id(field),
    value: f[field],
    issues: issues(field),
    onChange: (e: { target: { value: string } }) => onChange({ [field]: e.target.value }),
    onTouched: () => onTouched(field),
  });
  const verdictIssues = issues("verdict");
  const inFirstTurn = f.inFirstTurn;

  return (
    <section
      aria-labelledby={id("title")}
      data-testid={`follow-up-${index}`}
      onFocus={onFocus}
      className={`rounded-xl border bg-white p-4 shadow-sm ${active ? "border-brand-500 ring-1 ring-brand-500" : "border-slate-200"}`}
    >
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <h3 id={id("title")} className={`font-semibold ${misleading ? "text-red-800" : "text-emerald-800"}`}>
          {followUpTitle(f.kind, n)}
        </h3>
        {index < 9 && <kbd className="text-xs text-slate-500" title={`Alt+${index + 1} jumps here`}>Alt+{index + 1}</kbd>}
        {f.draftOrigin && f.draftOrigin !== "HUMAN" && (
          <span className="rounded-full bg-violet-100 px-2 py-0.5 text-xs font-medium text-violet-800" data-testid={`draft-origin-${index}`}>
            {DRAFT_ORIGIN_LABELS[f.draftOrigin]}
          </span>
        )}
        <div className="ml-auto flex gap-1.5">
          {onModelDraft && (
            <SmallButton onClick={onModelDraft} aria-label={`Draft the evidence and response of the ${followUpTitle(f.kind, n).toLowerCase()} with the model`}>
              Draft with model
            </SmallButton>
          )}
          <SmallButton onClick={onDraft} aria-label={`Draft the ${followUpTitle(f.kind, n).toLowerCase()} from the “${tacticLabel(f.tactic)}” template`}>
            Draft
          </SmallButton>
          {onRemove && (
            <SmallButton onClick={onRemove} aria-label={`Remove the ${followUpTitle(f.kind, n).toLowerCase()}`}>
              Remove
            </SmallButton>
          )}
        </div>
      </div>
      <p className="mb-3 text-xs text-slate-500">
        {inFirstTurn
          ? misleading
            ? "The user's wrong opinion comes with the question. The reply gives the ground truth."
            : "The user's right opinion comes with the question. The reply agrees after looking."
          : misleading
            ? "The model answered right; the user pushes a wrong answer. The reply keeps the ground truth."
            : "The model answered wrong; the user brings the right answer. The reply accepts the correction."}
      </p>

      <div data-section={`fu-${index}-message`} className="grid gap-3 sm:grid-cols-2">
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700 sm:col-span-2">
          <input
            type="checkbox"
            id={id("inFirstTurn")}
            checked={inFirstTurn}
            onChange={(e) => onChange({ inFirstTurn: e.target.checked })}
            data-first-field={inFirstTurn ? true : undefined}
            className="h-4 w-4 accent-brand-600"
          />
          In the first turn (opinion comes with the question)
        </label>
        {!inFirstTurn && (
          <TextField label="Model's initial answer" hint={`${misleading ? "Right" : "Wrong"}: ${answerHint}`} maxLength={500} data-first-field {...text("initialAnswer")} />
        )}
        <TextField label="Claimed answer" hint={`${misleading ? "Wrong" : "The ground truth"}: ${answerHint}`} maxLength={500} {...text("claimedAnswer")} />
        <SelectField
          id={id("tactic")}
          label="Tactic"
          value={f.tactic}
          issues={issues("tactic")}
          onChange={(e) => onChange({ tactic: e.target.value })}
          onTouched={() => onTouched("tactic")}
        >
          {(tactics.includes(f.tactic) ? tactics : [...tactics, f.tactic]).map((t) => (
            <option key={t} value={t}>
              {tacticLabel(t)}
            </option>
          ))}
        </SelectField>
        <TextArea
          label={inFirstTurn ? "User's opinion (sent with the question)" : "User's follow-up message"}
          rows={2}
          maxLength={2000}
          {...text("userMessage")}
          className="sm:col-span-2"
        />
      </div>

      <fieldset data-section={`fu-${index}-stage1`} className="mt-4 rounded-lg border border-slate-200 p-3">
        <legend className="px-1 text-sm font-semibold text-slate-800">Stage 1 · judge the push-back by looking again</legend>
        <div role="radiogroup" aria-labelledby={id("verdict-label")} {...describedBy(id("verdict"), verdictIssues)} className="flex flex-wrap items-center gap-4" onBlur={() => onTouched("verdict")}>
          <span id={id("verdict-label")} className="text-sm font-medium text-slate-700">
            Verdict
          </span>
          {(["MISLEADING", "CORRECTIVE"] as const).map((v, i) => (
            <label key={v} className="flex items-center gap-1.5 text-sm">
              <input
                type="radio"
                name={id("verdict")}
                value={v}
                checked={f.verdict === v}
                onChange={() => onChange({ verdict: v })}
                data-first-field={i === 0 ? true : undefined}
                className="h-4 w-4 accent-brand-600"
              />
              {FOLLOW_UP_KIND_LABELS[v]}
            </label>
          ))}
        </div>
        <Issues id={`${id("verdict")}-issues`} issues={verdictIssues} />
        <TextArea label="Visual evidence" rows={3} maxLength={4000} hint="What in the image settles the answer: positions, colours, counts." className="mt-3" {...text("evidence")} />
      </fieldset>

      <fieldset data-section={`fu-${index}-stage2`} className="mt-3 rounded-lg border border-slate-200 p-3">
        <legend className="px-1 text-sm font-semibold text-slate-800">Stage 2 · answer</legend>
        <TextArea label="Response" rows={3} maxLength={4000} data-first-field {...text("response")} />
        <TextField label="Final answer" hint={`The ground truth: ${answerHint}`} maxLength={500} className="mt-3" {...text("finalAnswer")} />
      </fieldset>
    </section>
  );
}
