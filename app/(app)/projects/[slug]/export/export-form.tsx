"use client";

import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { exportSummaryAction, startExportAction } from "@/app/_actions/export";
import { ActionForm } from "@/app/_components/action-form";
import { Button, Field, FormMessage, Input, Select } from "@/app/_components/ui";
import { pluralWord } from "@/lib/format";
import { ITEM_STATUS_LABELS, ITEM_STATUSES } from "@/lib/items/status";

const FORMATS = [
  ["srt", "SRT (native)"],
  ["sharegpt", "ShareGPT"],
  ["llava", "LLaVA"],
  ["openai", "OpenAI chat"],
  ["trl", "TRL messages"],
] as const;
const VARIANTS = [
  ["srt", "SRT (reflective)"],
  ["naive", "Naive (answer only)"],
  ["text-only", "Text only (caption)"],
] as const;

type Matches = { records: number; items: number };

export function ExportForm({ projectId, initialMatches }: { projectId: string; initialMatches: Matches }) {
  const [state, action, pending] = useActionState(startExportAction, null);
  const [matches, setMatches] = useState<Matches | null>(initialMatches);
  const [format, setFormat] = useState("srt");
  const [confirmEmpty, setConfirmEmpty] = useState(false);
  const empty = matches?.records === 0;
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;

  // The live summary: recounted by the server 400 ms after the last change.
  const recount = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const form = formRef.current;
      if (!form) return;
      const data = new FormData(form);
      startTransition(async () => {
        const result = await exportSummaryAction(null, data);
        setMatches(result.ok ? ((result.data as Matches | undefined) ?? null) : null);
      });
    }, 400);
  };
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  return (
    <ActionForm action={action} className="flex flex-col gap-4" ref={formRef} onChange={recount} aria-describedby="export-summary">
      <input type="hidden" name="projectId" value={projectId} />
      <div className="grid grid-cols-2 gap-3">
        <Field label="Format" htmlFor="export-format" error={errors?.format}>
          <Select id="export-format" name="format" value={format} onChange={(e) => setFormat(e.target.value)}>
            {FORMATS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Variant" htmlFor="export-variant" error={errors?.variant}>
          <Select id="export-variant" name="variant" defaultValue="srt">
            {VARIANTS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <p className="-mt-2 text-xs text-slate-500">
        ShareGPT suits LLaMA-Factory, LLaVA is a JSON list, OpenAI is chat fine-tuning JSONL. Variants: the reflective reply (verdict, evidence,
        answer), the final answer only (naive-SFT baseline), or the caption instead of the image.
      </p>
      {format === "openai" && (
        <Field label="Images (OpenAI format)" htmlFor="export-image-mode" error={errors?.imageMode}>
          <Select id="export-image-mode" name="imageMode" defaultValue="data-url">
            <option value="data-url">Inline (base64 data URL)</option>
            <option value="path">Relative file path</option>
          </Select>
        </Field>
      )}
      <Field label="Seed" htmlFor="export-seed" error={errors?.seed} hint="The same seed, data and parameters always give the same splits.">
        <Input id="export-seed" name="seed" defaultValue="42" inputMode="numeric" />
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Split ratios (sum to 1)</legend>
        <div className="mt-1 grid grid-cols-3 gap-3">
          {(["train", "val", "test"] as const).map((split, i) => (
            <Field key={split} label={split} htmlFor={`export-${split}`} error={errors?.[split]}>
              <Input id={`export-${split}`} name={split} type="number" min={0} max={1} step="any" defaultValue={[0.8, 0.1, 0.1][i]} />
            </Field>
          ))}
        </div>
        {errors?.splits && (
          <p className="mt-1 text-xs text-red-700" role="alert">
            {errors.splits}
          </p>
        )}
        <p className="mt-1 text-xs text-slate-500">Near-duplicate images always land in the same split (no leakage).</p>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Item statuses</legend>
        <div className="mt-1 grid grid-cols-2 gap-x-4 gap-y-1">
          {ITEM_STATUSES.map((status) => (
            <label key={status} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="statuses" value={status} defaultChecked={status === "APPROVED"} />
              {ITEM_STATUS_LABELS[status]}
            </label>
          ))}
        </div>
        {errors?.statuses && (
          <p className="mt-1 text-xs text-red-700" role="alert">
            {errors.statuses}
          </p>
        )}
      </fieldset>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Tags" htmlFor="export-tags" error={errors?.tags} hint="Any of these, comma separated; empty: all">
          <Input id="export-tags" name="tags" placeholder="e.g. counting, colour" />
        </Field>
        <Field label="Min review score" htmlFor="export-min-score" error={errors?.minScore} hint="Mean rubric score, 1–5; empty: any">
          <Input id="export-min-score" name="minScore" type="number" min={1} max={5} step="0.1" />
        </Field>
      </div>
      <Field label="Gold items" htmlFor="export-gold" error={errors?.gold}>
        <Select id="export-gold" name="gold" defaultValue="include">
          <option value="include">Include gold items</option>
          <option value="exclude">Exclude gold items</option>
        </Select>
      </Field>
      <div className="flex flex-col gap-2 text-sm">
        <label className="flex items-start gap-2">
          <input type="checkbox" name="excludeModelUnedited" className="mt-1" />
          <span>Leave out rationales a model drafted and nobody edited</span>
        </label>
        <label className="flex items-start gap-2">
          <input type="checkbox" name="copyImages" defaultChecked className="mt-1" />
          <span>Copy the images into the archive</span>
        </label>
        <label className="flex items-start gap-2">
          <input type="checkbox" name="frozenTest" className="mt-1" />
          <span>
            Frozen test set
            <span className="block text-xs text-slate-500">Images in test in earlier frozen exports stay in test; this export&apos;s test images are frozen too.</span>
          </span>
        </label>
        {errors?.frozenTest && (
          <p className="text-xs text-red-700" role="alert">
            {errors.frozenTest}
          </p>
        )}
      </div>
      <p id="export-summary" className="rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700" role="status" aria-live="polite" data-testid="export-summary">
        {matches === null ? (
          "Fix the fields above to see what matches."
        ) : (
          <>
            <strong className="tabular-nums">{matches.records}</strong> {pluralWord(matches.records, "follow-up")} from{" "}
            <span className="tabular-nums">{matches.items}</span> {pluralWord(matches.items, "item")} match
          </>
        )}
      </p>
      {empty && (
        // The confirm step: an archive of empty files is almost always a wrong filter (the server refuses it too).
        <div className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="empty-export-warning">
          <p className="font-medium">No follow-up matches these filters: the export would be an archive of empty files.</p>
          <p className="mt-1">Check the statuses, tags and minimum score above.</p>
          <label className="mt-2 flex items-center gap-2">
            <input type="checkbox" name="allowEmpty" checked={confirmEmpty} onChange={(e) => setConfirmEmpty(e.target.checked)} />
            Export anyway, with no records
          </label>
        </div>
      )}
      <FormMessage state={state} />
      <Button type="submit" disabled={pending || (empty && !confirmEmpty)} className="self-start">
        {pending ? "Starting…" : empty ? "Start an empty export" : "Start export"}
      </Button>
    </ActionForm>
  );
}
