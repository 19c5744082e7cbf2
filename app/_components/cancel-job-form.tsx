"use client";
// The Cancel button of a running or queued job (the admin's jobs list, a project's exports): posts the
// job id to the given server action and shows its refusal beside the button.
import { useActionState } from "react";
import { Button } from "@/app/_components/ui";
import type { ActionResult } from "@/app/_server/action-result";

type CancelAction = (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;

export function CancelJobForm({ jobId, cancel }: { jobId: string; cancel: CancelAction }) {
  const [state, action, pending] = useActionState(cancel, null);
  return (
    <form action={action}>
      <input type="hidden" name="jobId" value={jobId} />
      <Button type="submit" variant="danger" disabled={pending}>
        Cancel
      </Button>
      {state && !state.ok && (
        <span className="ml-2 text-sm text-red-700" role="alert">
          {state.error}
        </span>
      )}
    </form>
  );
}
