"use client";
// A one-button form acting on a job (Cancel in the admin's jobs list and a project's exports, Run again on an
// expired export): posts the job id to the given server action and shows its refusal beside the button.
import { useActionState } from "react";
import { Button } from "@/app/_components/ui";
import type { ActionResult } from "@/app/_server/action-result";

type JobAction = (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;

export function JobActionForm({ jobId, action: act, label, variant }: { jobId: string; action: JobAction; label: string; variant: "danger" | "secondary" }) {
  const [state, action, pending] = useActionState(act, null);
  return (
    <form action={action}>
      <input type="hidden" name="jobId" value={jobId} />
      <Button type="submit" variant={variant} disabled={pending}>
        {label}
      </Button>
      {state && !state.ok && (
        <span className="ml-2 text-sm text-red-700" role="alert">
          {state.error}
        </span>
      )}
    </form>
  );
}
