"use client";

import { useActionState } from "react";
import { setProjectEndpointsAction } from "@/app/_actions/models";
import { ActionForm } from "@/app/_components/action-form";
import { Button, FormMessage } from "@/app/_components/ui";

/** Which model endpoints this project may use (Ask model, Draft with model, bulk answers). */
export function ProjectModelsForm({ projectId, endpoints, enabled }: { projectId: string; endpoints: { id: string; name: string; model: string }[]; enabled: string[] }) {
  const [state, action, pending] = useActionState(setProjectEndpointsAction, null);
  if (endpoints.length === 0) {
    return <p className="text-sm text-slate-500">No model endpoint exists yet. Add one on the Models page.</p>;
  }
  return (
    <ActionForm action={action} className="flex flex-col gap-2" aria-label="Models enabled for this project">
      <input type="hidden" name="projectId" value={projectId} />
      {endpoints.map((e) => (
        <label key={e.id} className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="endpointIds" value={e.id} defaultChecked={enabled.includes(e.id)} className="h-4 w-4 accent-brand-600" />
          <span className="font-medium">{e.name}</span> <span className="truncate text-xs text-slate-500">{e.model}</span>
        </label>
      ))}
      <FormMessage state={state} />
      <Button type="submit" variant="secondary" disabled={pending}>
        Save models
      </Button>
    </ActionForm>
  );
}
