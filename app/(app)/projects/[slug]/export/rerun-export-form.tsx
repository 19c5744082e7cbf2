"use client";
// "Run again" on an export whose archive expired (or is gone): queues a new export with the same parameters.
import { useActionState } from "react";
import { rerunExportAction } from "@/app/_actions/export";
import { Button } from "@/app/_components/ui";

export function RerunExportForm({ jobId }: { jobId: string }) {
  const [state, action, pending] = useActionState(rerunExportAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="jobId" value={jobId} />
      <Button type="submit" variant="secondary" disabled={pending}>
        Run again
      </Button>
      {state && !state.ok && (
        <span className="ml-2 text-sm text-red-700" role="alert">
          {state.error}
        </span>
      )}
    </form>
  );
}
