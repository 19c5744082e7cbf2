"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { cancelEvalRunAction, resumeEvalRunAction } from "@/app/_actions/evaluations";
import { ActionForm } from "@/app/_components/action-form";
import { Button, FormMessage } from "@/app/_components/ui";

const REFRESH_MS = 1500;

/** Cancel (while it runs) or Resume (after a failure or cancel); the page refreshes while the run is active. */
export function RunControls({ projectId, slug, runId, active, resumable }: { projectId: string; slug: string; runId: string; active: boolean; resumable: boolean }) {
  const [cancelState, cancel, cancelling] = useActionState(cancelEvalRunAction, null);
  const [resumeState, resume, resuming] = useActionState(resumeEvalRunAction, null);
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [active, router]);
  const hidden = (
    <>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="runId" value={runId} />
    </>
  );
  return (
    <div className="flex flex-wrap items-center gap-3">
      {active && (
        <ActionForm action={cancel}>
          {hidden}
          <Button type="submit" variant="danger" disabled={cancelling}>
            Cancel run
          </Button>
        </ActionForm>
      )}
      {resumable && (
        <ActionForm action={resume}>
          {hidden}
          <Button type="submit" variant="secondary" disabled={resuming}>
            Resume
          </Button>
        </ActionForm>
      )}
      <FormMessage state={cancelState} />
      <FormMessage state={resumeState} />
    </div>
  );
}
