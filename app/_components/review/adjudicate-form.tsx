"use client";

import { useActionState } from "react";
import { adjudicateAction } from "@/app/_actions/reviews";
import { ActionForm } from "@/app/_components/action-form";
import { Button, FormMessage, Input, Select } from "@/app/_components/ui";
import { REVIEW_DECISION_LABELS, REVIEW_DECISIONS } from "@/lib/items/status";

/** The researcher's final decision on a disagreement. */
export function AdjudicateForm({ itemId }: { itemId: string }) {
  const [state, action, pending] = useActionState(adjudicateAction, null);
  return (
    <ActionForm action={action} className="mt-3 flex flex-wrap items-end gap-2">
      <input type="hidden" name="itemId" value={itemId} />
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium text-slate-700">Final decision</span>
        <Select name="decision" defaultValue="APPROVE" aria-label="Final decision">
          {REVIEW_DECISIONS.map((d) => <option key={d} value={d}>{REVIEW_DECISION_LABELS[d]}</option>)}
        </Select>
      </label>
      <label className="flex min-w-48 flex-1 flex-col gap-1 text-sm">
        <span className="font-medium text-slate-700">Reason</span>
        <Input name="reason" aria-label="Reason" placeholder="Required unless you approve" />
      </label>
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Decide"}</Button>
      <FormMessage state={state} />
    </ActionForm>
  );
}
