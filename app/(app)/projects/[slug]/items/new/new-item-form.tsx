"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { createItemAction } from "@/app/_actions/items";
import { ActionForm } from "@/app/_components/action-form";
import { ANSWER_TYPE_LABELS } from "@/lib/followups/labels";
import { OptionsEditor } from "@/app/_components/editor/options-editor";
import { Button, Field, FormMessage, Input, Select, Textarea } from "@/app/_components/ui";
import { optionLabel } from "@/lib/lints/normalize";
import type { AnswerTypeName } from "@/lib/lints/types";

/** Question, answer type, options and ground truth for an image: creates a DRAFT item and opens it in the editor. */
export function NewItemForm({ projectId, assetId, slug, allowedAnswerTypes }: { projectId: string; assetId: string; slug: string; allowedAnswerTypes: AnswerTypeName[] }) {
  const router = useRouter();
  const [state, action, pending] = useActionState(createItemAction, null);
  const [answerType, setAnswerType] = useState<AnswerTypeName>(allowedAnswerTypes[0] ?? "SHORT_ANSWER");
  const [options, setOptions] = useState<string[]>(["", ""]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const itemId = state?.ok ? (state.data as { itemId?: string } | undefined)?.itemId : undefined;

  useEffect(() => {
    if (itemId) router.push(`/projects/${slug}/items/${itemId}`);
  }, [itemId, router, slug]);

  const errorFor = (field: string) => errors && Object.entries(errors).find(([k]) => k === field || k.startsWith(`${field}.`))?.[1];

  return (
    <ActionForm action={action} className="flex flex-col gap-4">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="assetId" value={assetId} />
      <Field label="Question" htmlFor="question" error={errorFor("question")}>
        <Textarea id="question" name="question" rows={2} maxLength={2000} required autoFocus />
      </Field>
      <Field label="Answer type" htmlFor="answerType" error={errorFor("answerType")}>
        <Select id="answerType" name="answerType" value={answerType} onChange={(e) => setAnswerType(e.target.value as AnswerTypeName)}>
          {allowedAnswerTypes.map((t) => (
            <option key={t} value={t}>
              {ANSWER_TYPE_LABELS[t]}
            </option>
          ))}
        </Select>
      </Field>
      {answerType === "MULTIPLE_CHOICE" && (
        <>
          {options.map((o, i) => (
            <input key={i} type="hidden" name="options" value={o} />
          ))}
          <OptionsEditor options={options} onChange={setOptions} issues={errorFor("options") ? [{ rule: "form", severity: "error", field: "options", message: errorFor("options")! }] : []} />
        </>
      )}
      {answerType === "MULTIPLE_CHOICE" || answerType === "YES_NO" ? (
        <Field label="Ground truth" htmlFor="groundTruth" error={errorFor("groundTruth")}>
          <Select id="groundTruth" name="groundTruth" defaultValue="">
            <option value="">— choose —</option>
            {(answerType === "YES_NO" ? ["yes", "no"] : options.map((_, i) => optionLabel(i))).map((v, i) => (
              <option key={v} value={v}>
                {answerType === "YES_NO" ? v : `${v}. ${options[i].trim() || "(empty option)"}`}
              </option>
            ))}
          </Select>
        </Field>
      ) : (
        <Field label="Ground truth" htmlFor="groundTruth" error={errorFor("groundTruth")} hint={answerType === "NUMBER" ? "A single number" : "A short answer"}>
          <Input id="groundTruth" name="groundTruth" maxLength={500} />
        </Field>
      )}
      <Field label="Caption (optional)" htmlFor="caption" error={errorFor("caption")}>
        <Textarea id="caption" name="caption" rows={2} maxLength={4000} />
      </Field>
      <Field label="Tags (optional)" htmlFor="tags" error={errorFor("tags")} hint="Comma separated">
        <Input id="tags" name="tags" />
      </Field>
      {errorFor("assetId") && <p className="text-sm text-red-700">{errorFor("assetId")}</p>}
      <FormMessage state={state} />
      <Button type="submit" disabled={pending || !!itemId} className="self-start">
        {pending || itemId ? "Creating…" : "Create item and open the editor"}
      </Button>
    </ActionForm>
  );
}
