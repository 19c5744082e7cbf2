"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { startEvalRunAction } from "@/app/_actions/evaluations";
import { ActionForm } from "@/app/_components/action-form";
import { Button, Field, FormMessage, Input, Select } from "@/app/_components/ui";
import { EVAL_CONDITION_LABELS, EVAL_CONDITIONS, EVAL_ROUND_HINTS, EVAL_ROUND_LABELS, EVAL_ROUNDS, FOLLOW_UP_KINDS } from "@/lib/eval/run-schemas";
import { FOLLOW_UP_KIND_LABELS } from "@/lib/followups/labels";
import { ITEM_STATUS_LABELS, ITEM_STATUSES } from "@/lib/items/status";

const box = "h-4 w-4 rounded border-slate-300";

export function NewRunForm({ projectId, slug, endpoints }: { projectId: string; slug: string; endpoints: { id: string; name: string; model: string }[] }) {
  const [state, action, pending] = useActionState(startEvalRunAction, null);
  const router = useRouter();
  const url = state?.ok ? state.data?.url : undefined;
  useEffect(() => {
    if (url) router.push(url);
  }, [url, router]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const error = (...keys: string[]) => keys.map((k) => errors?.[k]).find(Boolean);

  return (
    <ActionForm action={action} className="flex flex-col gap-4" aria-label="New evaluation run">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="slug" value={slug} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Endpoint" htmlFor="run-endpoint" error={error("endpoint")}>
          <Select id="run-endpoint" name="endpoint" defaultValue={endpoints[0]?.name}>
            {endpoints.map((e) => (
              <option key={e.id} value={e.name}>
                {e.name} ({e.model})
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Run name" htmlFor="run-name" error={error("name")} hint="e.g. base, naive-sft, srt-checkpoint-3">
          <Input id="run-name" name="name" required maxLength={120} />
        </Field>
      </div>
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-1 text-sm font-medium text-slate-700">Conditions</legend>
        {EVAL_CONDITIONS.map((c) => (
          <label key={c} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="conditions" value={c} defaultChecked className={box} /> {EVAL_CONDITION_LABELS[c]}
          </label>
        ))}
      </fieldset>
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-1 text-sm font-medium text-slate-700">Rounds</legend>
        {EVAL_ROUNDS.map((r) => (
          <label key={r} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="rounds" value={r} defaultChecked={r === "MULTI"} className={box} /> {EVAL_ROUND_LABELS[r]}
            <span className="text-slate-500">({EVAL_ROUND_HINTS[r]})</span>
          </label>
        ))}
        {error("rounds") && <p className="w-full text-sm text-red-700">{error("rounds")}</p>}
      </fieldset>
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-1 text-sm font-medium text-slate-700">Item statuses</legend>
        {ITEM_STATUSES.map((s) => (
          <label key={s} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="statuses" value={s} defaultChecked={s === "APPROVED"} className={box} /> {ITEM_STATUS_LABELS[s]}
          </label>
        ))}
      </fieldset>
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-1 text-sm font-medium text-slate-700">Follow-up kinds</legend>
        {FOLLOW_UP_KINDS.map((k) => (
          <label key={k} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="kinds" value={k} defaultChecked className={box} /> {FOLLOW_UP_KIND_LABELS[k]}
          </label>
        ))}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Tags" htmlFor="run-tags" hint="Comma-separated; empty: any" error={error("selection.tags", "tags")}>
          <Input id="run-tags" name="tags" />
        </Field>
        <Field label="Tactics" htmlFor="run-tactics" hint="e.g. CONFIDENCE,AUTHORITY; empty: all" error={error("selection.tactics", "tactics")}>
          <Input id="run-tactics" name="tactics" />
        </Field>
        <Field label="Gold items" htmlFor="run-gold" error={error("selection.gold")}>
          <Select id="run-gold" name="gold" defaultValue="any">
            <option value="any">Include</option>
            <option value="exclude">Leave out</option>
            <option value="only">Only gold</option>
          </Select>
        </Field>
        <Field label="At most this many items" htmlFor="run-max" hint="Empty: all" error={error("selection.maxItems")}>
          <Input id="run-max" name="maxItems" inputMode="numeric" />
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="frozenTest" className={box} /> Only the frozen test split (images once exported as test)
      </label>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending || endpoints.length === 0}>
          {pending ? "Starting…" : "Start run"}
        </Button>
        <FormMessage state={state} />
      </div>
    </ActionForm>
  );
}
