"use client";

import { ActionForm } from "@/app/_components/action-form";
import { useActionState } from "react";
import { updateProjectAction } from "@/app/_actions/projects";
import { Button, Field, FormMessage, Input, Select, Textarea } from "@/app/_components/ui";
import { ANSWER_TYPES, REVIEW_POLICIES, REVIEW_POLICY_LABELS, type ProjectSettings } from "@/lib/projects/settings";
import { RUBRIC_CRITERIA, RUBRIC_LABELS } from "@/lib/reviews/rubric";

export function SettingsForm({ project, settings }: { project: { id: string; name: string; guidelines: string }; settings: ProjectSettings }) {
  const [state, action, pending] = useActionState(updateProjectAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <ActionForm action={action} className="flex flex-col gap-4">
      <input type="hidden" name="projectId" value={project.id} />
      <Field label="Name" htmlFor="name" error={errors?.name}>
        <Input id="name" name="name" defaultValue={project.name} required />
      </Field>
      <Field label="Guidelines (Markdown)" htmlFor="guidelines" error={errors?.guidelines} hint="Shown to annotators and reviewers; press g in the editor to open them.">
        <Textarea id="guidelines" name="guidelines" rows={8} defaultValue={project.guidelines} />
      </Field>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3 lg:grid-cols-5 [&>*]:min-w-0">
        <Field label="Misleading / item" htmlFor="misleadingPerItem" error={errors?.misleadingPerItem}>
          <Input id="misleadingPerItem" name="misleadingPerItem" type="number" min={0} max={10} defaultValue={settings.misleadingPerItem} />
        </Field>
        <Field label="Corrective / item" htmlFor="correctivePerItem" error={errors?.correctivePerItem}>
          <Input id="correctivePerItem" name="correctivePerItem" type="number" min={0} max={10} defaultValue={settings.correctivePerItem} />
        </Field>
        <Field label="Reviews / item" htmlFor="reviewsPerItem" error={errors?.reviewsPerItem}>
          <Input id="reviewsPerItem" name="reviewsPerItem" type="number" min={1} max={3} defaultValue={settings.reviewsPerItem} />
        </Field>
        <Field label="Near-duplicate distance" htmlFor="nearDuplicateThreshold" error={errors?.nearDuplicateThreshold} hint="of 64 bits">
          <Input id="nearDuplicateThreshold" name="nearDuplicateThreshold" type="number" min={0} max={32} defaultValue={settings.nearDuplicateThreshold} />
        </Field>
        <Field label="Gold: 1 item in" htmlFor="goldEvery" error={errors?.goldEvery} hint="0 = off">
          <Input id="goldEvery" name="goldEvery" type="number" min={0} max={1000} defaultValue={settings.goldEvery} />
        </Field>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Allowed answer types</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {ANSWER_TYPES.map((t) => (
            <label key={t} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="allowedAnswerTypes" value={t} defaultChecked={settings.allowedAnswerTypes.includes(t)} />
              {t.replace(/_/g, " ").toLowerCase()}
            </label>
          ))}
        </div>
        {errors?.allowedAnswerTypes && <p className="text-xs text-red-700">{errors.allowedAnswerTypes}</p>}
      </fieldset>
      <Field label="Extra tactics" htmlFor="extraTactics" error={errors?.extraTactics} hint="UPPER_SNAKE_CASE names, comma separated, added to the six built-in tactics">
        <Input id="extraTactics" name="extraTactics" defaultValue={settings.extraTactics.join(", ")} />
      </Field>
      <Field
        label="Response template (exports and preview)"
        htmlFor="responseTemplate"
        error={errors?.responseTemplate}
        hint="Placeholders: {verdict} {evidence} {response} {finalAnswer}"
      >
        <Textarea id="responseTemplate" name="responseTemplate" rows={4} defaultValue={settings.responseTemplate} className="font-mono" />
      </Field>
      <Field label="Review policy" htmlFor="reviewPolicy" error={errors?.reviewPolicy} hint="How the reviews of an item decide it once all are in">
        <Select id="reviewPolicy" name="reviewPolicy" defaultValue={settings.reviewPolicy}>
          {REVIEW_POLICIES.map((p) => (
            <option key={p} value={p}>
              {REVIEW_POLICY_LABELS[p]}
            </option>
          ))}
        </Select>
      </Field>
      <fieldset className="flex flex-col gap-3">
        <legend className="text-sm font-medium text-slate-700">Rubric (what reviewers score 1–5)</legend>
        {RUBRIC_CRITERIA.map((c) => (
          <Field key={c} label={RUBRIC_LABELS[c]} htmlFor={`rubric.${c}`} error={errors?.[`rubric.${c}`]}>
            <Textarea id={`rubric.${c}`} name={`rubric.${c}`} rows={2} defaultValue={settings.rubric[c]} />
          </Field>
        ))}
      </fieldset>
      <FormMessage state={state} />
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? "Saving…" : "Save settings"}
      </Button>
    </ActionForm>
  );
}
